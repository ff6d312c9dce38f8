package dev.wharf.storage.filesystem;

import dev.wharf.storage.FileInfo;
import dev.wharf.storage.FileWriter;
import dev.wharf.storage.InvalidOffsetException;
import dev.wharf.storage.InvalidPathException;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import dev.wharf.storage.StoragePaths;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores objects as files below a root directory, in the layout of distribution's filesystem driver: the path
 * {@code /a/b} is the file {@code <root>/a/b}.
 *
 * <p>Crash safety: {@link #putContent} and non-appending writers write a {@code .tmp-} sibling, force it to disk and
 * rename it over the target atomically, so a crash leaves the old content or the new one, never a torn file.
 * {@code putContent} then forces the parent directory: the new name survives a power loss once it returns. A writer's
 * new name (an upload session's data, the writers' only use) and {@link #putScratch}'s are not forced: a crash may
 * lose them, and with them the session, which the client starts again; {@link #move} forces the destination's
 * directory, so a blob moved out of a session is durable once the move returns. Temporary files are never listed. Directories are real: one emptied by {@link #delete} or {@link #move}
 * stays (as in distribution), and the registry layer treats an empty directory like a missing one.
 *
 * <p>Symbolic links are followed like in distribution ({@code os.Stat}), so the root or a subtree may be a link to
 * another disk; {@link #delete} removes a link itself, never what it points to.
 */
public class FilesystemStorageDriver implements StorageDriver {
    static final String TEMP_PREFIX = ".tmp-";

    private static final int READ_BUFFER = 64 * 1024;

    private final Path root;

    public FilesystemStorageDriver(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String name() {
        return "filesystem";
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        try (FileChannel channel = openRegularFile(path)) {
            return Channels.newInputStream(channel).readAllBytes();
        }
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        put(path, content, true);
    }

    /** Written to a temporary sibling and renamed into place like {@link #putContent}, without forcing either. */
    @Override
    public void putScratch(String path, byte[] content) throws IOException {
        put(path, content, false);
    }

    private void put(String path, byte[] content, boolean durable) throws IOException {
        Path target = resolve(StoragePaths.checkObject(path));
        Path directory = createParents(target);
        Path temp = tempSibling(target);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (durable) {
                channel.force(true);
            }
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp, e);
            throw e;
        }
        renameIntoPlace(temp, target);
        if (durable) {
            forceDirectory(directory);
        }
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        FileChannel channel = openRegularFile(path);
        try {
            if (offset < 0 || offset > channel.size()) {
                throw new InvalidOffsetException(path, offset);
            }
            channel.position(offset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return new BufferedInputStream(Channels.newInputStream(channel), READ_BUFFER);
    }

    @Override
    public FileWriter writer(String path, boolean append) throws IOException {
        Path target = resolve(StoragePaths.checkObject(path));
        createParents(target);
        return append ? FilesystemFileWriter.append(target) : FilesystemFileWriter.replace(target, tempSibling(target));
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        BasicFileAttributes attributes = attributes(path, resolve(path));
        boolean directory = attributes.isDirectory();
        return new FileInfo(path, directory ? 0 : attributes.size(), attributes.lastModifiedTime().toInstant(),
                directory);
    }

    @Override
    public List<String> list(String path) throws IOException {
        Path directory = resolve(path);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(directory)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (!name.startsWith(TEMP_PREFIX)) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw missing(e, directory) ? notFound(path, e) : e;
        }
        names.sort(null);
        return names;
    }

    @Override
    public void move(String source, String destination) throws IOException {
        Path from = resolve(StoragePaths.checkObject(source));
        Path to = resolve(StoragePaths.checkObject(destination));
        attributes(source, from);
        Path directory = createParents(to);
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw missing(e, from) ? notFound(source, e) : e;
        }
        // the destination's entry is what must survive; the source's removal is part of the same atomic rename
        forceDirectory(directory);
    }

    @Override
    public void delete(String path) throws IOException {
        Path target = resolve(path);
        if (attributes(path, target).isDirectory()) {
            deleteTree(target);
        } else {
            try {
                Files.delete(target);
            } catch (IOException e) {
                throw missing(e, target) ? notFound(path, e) : e;
            }
        }
    }

    /** The object's file, for zero-copy serving; empty unless a regular file exists at the path. */
    @Override
    public Optional<Path> localFile(String path) {
        Path file = resolve(path);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * The file for a storage path. The grammar check already excludes {@code .} and {@code ..}; the resolved path is
     * still required to stay below the root, in case the grammar is ever loosened.
     */
    Path resolve(String path) {
        StoragePaths.check(path);
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root)) {
            throw new InvalidPathException(path);
        }
        return file;
    }

    /** Opens the object for reading; a missing path or a directory is {@link PathNotFoundException}. */
    private FileChannel openRegularFile(String path) throws IOException {
        Path file = resolve(path);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw missing(e, file) || Files.isDirectory(file) ? notFound(path, e) : e;
        }
        // Opening a directory for reading succeeds on Linux: only a regular file is an object.
        if (!Files.isRegularFile(file)) {
            channel.close();
            throw new PathNotFoundException(path);
        }
        return channel;
    }

    private static BasicFileAttributes attributes(String path, Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw missing(e, file) ? notFound(path, e) : e;
        }
    }

    private static Path createParents(Path target) throws IOException {
        Path directory = target.getParent();
        Files.createDirectories(directory);
        return directory;
    }

    private static Path tempSibling(Path target) {
        return target.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
    }

    /** Atomically replaces {@code target} with {@code temp}; the temporary file is removed when that fails. */
    static void renameIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp, e);
            throw e;
        }
    }

    /**
     * Makes a rename or a new entry in the directory durable. Platforms that cannot open or force a directory
     * (Windows) throw; there the rename is as durable as the platform makes it.
     */
    static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not supported on this platform
        }
    }

    static void deleteQuietly(Path file, Exception cause) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * Deletes a directory and everything below it, like Go's {@code os.RemoveAll}, without following links; keeps the
     * root itself (which may be a link: then its target is emptied).
     */
    private void deleteTree(Path directory) throws IOException {
        boolean isRoot = directory.equals(root);
        boolean link = Files.isSymbolicLink(directory);
        if (link && !isRoot) {
            Files.delete(directory);
            return;
        }
        Path start = link ? directory.toRealPath() : directory;
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // removed concurrently: gone is what we want
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                if (!(isRoot && dir.equals(start))) {
                    Files.deleteIfExists(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * True when the failure means "nothing there": the file is missing, or a parent is a file (Linux reports
     * {@code ENOTDIR} as a plain {@link FileSystemException}).
     */
    private static boolean missing(IOException e, Path file) {
        if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
            return true;
        }
        return e instanceof FileSystemException && !Files.exists(file);
    }

    private static PathNotFoundException notFound(String path, IOException cause) {
        PathNotFoundException e = new PathNotFoundException(path);
        e.initCause(cause);
        return e;
    }
}
