package dev.wharf.storage.filesystem;

import dev.wharf.storage.FileWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The filesystem driver's {@link FileWriter}, in one of two modes:
 * <ul>
 * <li>replace: bytes go to a temporary sibling; {@link #commit()} forces it and renames it over the target, so
 * nothing is visible at the path before; {@link #cancel()} deletes the temporary file;</li>
 * <li>append: bytes go to the end of the target itself; {@link #commit()} forces them; {@link #cancel()} truncates
 * the file back to its size at open, or deletes it when the writer created it.</li>
 * </ul>
 */
final class FilesystemFileWriter implements FileWriter {
    private final FileChannel channel;
    /** The file the bytes are written to: the temporary file when replacing, the target when appending. */
    private final Path file;
    /** Where the temporary file goes on commit; null when appending. */
    private final Path target;
    private final long initialSize;
    /** Appending to a file this writer created: cancelling removes it. */
    private final boolean created;
    private volatile long size;
    private boolean open = true;

    private FilesystemFileWriter(FileChannel channel, Path file, Path target, long initialSize, boolean created) {
        this.channel = channel;
        this.file = file;
        this.target = target;
        this.initialSize = initialSize;
        this.created = created;
        this.size = initialSize;
    }

    /** A writer whose content replaces {@code target} on commit; nothing is visible there before. */
    static FilesystemFileWriter replace(Path target, Path temp) throws IOException {
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new FilesystemFileWriter(channel, temp, target, 0, false);
    }

    /** A writer continuing {@code target}, creating it empty when missing. */
    static FilesystemFileWriter append(Path target) throws IOException {
        FileChannel channel;
        boolean created = false;
        try {
            channel = FileChannel.open(target, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            created = true;
        }
        try {
            long size = channel.size();
            channel.position(size);
            return new FilesystemFileWriter(channel, target, null, size, created);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public synchronized int write(ByteBuffer source) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        int count = source.remaining();
        while (source.hasRemaining()) {
            channel.write(source);
        }
        size += count;
        return count;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public synchronized boolean isOpen() {
        return open;
    }

    /**
     * Forces the bytes to disk and, when replacing, renames the temporary file over the target. On failure the
     * writer is cancelled, leaving the path as it was, and the failure is thrown.
     */
    @Override
    public synchronized void commit() throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        try {
            channel.force(target != null);
            if (target == null) {
                channel.close();
                if (created) {
                    FilesystemStorageDriver.forceDirectory(file.getParent());
                }
            } else {
                channel.close();
                FilesystemStorageDriver.renameIntoPlace(file, target);
                FilesystemStorageDriver.forceDirectory(target.getParent());
            }
            open = false;
        } catch (IOException | RuntimeException e) {
            try {
                cancel();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Discards what this writer wrote; a second call, or a call after commit, does nothing. */
    @Override
    public synchronized void cancel() throws IOException {
        if (!open) {
            return;
        }
        open = false;
        size = initialSize;
        if (target != null || created) {
            channel.close();
            Files.deleteIfExists(file);
        } else {
            try (channel) {
                channel.truncate(initialSize);
                channel.force(false);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        cancel();
    }
}
