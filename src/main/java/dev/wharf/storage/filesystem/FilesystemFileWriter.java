package dev.wharf.storage.filesystem;

import dev.wharf.storage.AbstractFileWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The filesystem driver's {@link dev.wharf.storage.FileWriter}, in one of two modes:
 * <ul>
 * <li>replace: bytes go to a temporary sibling; {@link #commit()} forces it and renames it over the target, so
 * nothing is visible at the path before (the new name itself is not forced: see {@link FilesystemStorageDriver});
 * {@link #cancel()} deletes the temporary file;</li>
 * <li>append: bytes go to the end of the target itself; {@link #commit()} forces them; {@link #cancel()} truncates
 * the file back to its size at open, or deletes it when the writer created it.</li>
 * </ul>
 */
final class FilesystemFileWriter extends AbstractFileWriter {
    private final FileChannel channel;
    /** The file the bytes are written to: the temporary file when replacing, the target when appending. */
    private final Path file;
    /** Where the temporary file goes on commit; null when appending. */
    private final Path target;
    private final long initialSize;
    /** Appending to a file this writer created: cancelling removes it. */
    private final boolean created;
    private final EarlyWriteback writeback;

    private FilesystemFileWriter(FileChannel channel, Path file, Path target, long initialSize, boolean created) {
        super(initialSize);
        this.channel = channel;
        this.file = file;
        this.target = target;
        this.initialSize = initialSize;
        this.created = created;
        this.writeback = new EarlyWriteback(channel);
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
    protected void append(ByteBuffer source) throws IOException {
        int count = source.remaining();
        while (source.hasRemaining()) {
            channel.write(source);
        }
        writeback.written(count);
    }

    /**
     * Forces the bytes to disk (most of them already are: {@link EarlyWriteback}) and, when replacing, renames the
     * temporary file over the target.
     */
    @Override
    protected void publish() throws IOException {
        writeback.finish();
        channel.force(target != null);
        channel.close();
        if (target == null) {
            if (created) {
                FilesystemStorageDriver.forceDirectory(file.getParent());
            }
        } else {
            FilesystemStorageDriver.renameIntoPlace(file, target);
        }
    }

    @Override
    protected void discard() throws IOException {
        writeback.await();
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
}
