package dev.wharf.storage.filesystem;

import dev.wharf.storage.*;
import dev.wharf.storage.FileWriter;
import java.io.*;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.*;
import java.util.*;

/** Minimal first cut; superseded by the full driver verified by the storage contract suite. */
public class FilesystemStorageDriver implements StorageDriver {
    private final Path root;
    public FilesystemStorageDriver(Path root) { this.root = root.toAbsolutePath(); }
    private Path p(String path) { return root.resolve(StoragePaths.check(path).substring(1)); }
    public String name() { return "filesystem"; }
    public byte[] getContent(String path) throws IOException { try { return Files.readAllBytes(p(path)); } catch (NoSuchFileException | AccessDeniedException e) { throw new PathNotFoundException(path); } catch (IOException e) { if (Files.isDirectory(p(path))) throw new PathNotFoundException(path); throw e; } }
    public void putContent(String path, byte[] content) throws IOException { Path t = p(path); Files.createDirectories(t.getParent()); Path tmp = t.resolveSibling(".tmp-" + UUID.randomUUID()); Files.write(tmp, content); Files.move(tmp, t, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING); }
    public InputStream reader(String path, long offset) throws IOException { Path t = p(path); if (!Files.isRegularFile(t)) throw new PathNotFoundException(path); FileChannel c = FileChannel.open(t); if (offset < 0 || offset > c.size()) { c.close(); throw new InvalidOffsetException(path, offset); } c.position(offset); return new BufferedInputStream(java.nio.channels.Channels.newInputStream(c), 65536); }
    public FileWriter writer(String path, boolean append) throws IOException {
        Path t = p(path); Files.createDirectories(t.getParent());
        FileChannel c = FileChannel.open(t, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long start = append ? c.size() : 0; if (!append) c.truncate(0); c.position(start);
        return new FileWriter() {
            boolean open = true;
            public long size() { try { return c.size(); } catch (IOException e) { return -1; } }
            public void commit() throws IOException { c.force(false); c.close(); open = false; }
            public void cancel() throws IOException { if (open) { c.truncate(start); c.close(); open = false; } }
            public void close() throws IOException { cancel(); }
            public boolean isOpen() { return open; }
            public int write(ByteBuffer src) throws IOException { int n = src.remaining(); while (src.hasRemaining()) c.write(src); return n; }
        };
    }
    public FileInfo stat(String path) throws IOException { Path t = p(path); if (!Files.exists(t)) throw new PathNotFoundException(path); boolean d = Files.isDirectory(t); return new FileInfo(path, d ? 0 : Files.size(t), Files.getLastModifiedTime(t).toInstant(), d); }
    public List<String> list(String path) throws IOException { Path t = p(path); if (!Files.isDirectory(t)) throw new PathNotFoundException(path); List<String> out = new ArrayList<>(); try (var s = Files.list(t)) { s.forEach(x -> { String n = x.getFileName().toString(); if (!n.startsWith(".tmp-")) out.add(n); }); } Collections.sort(out); return out; }
    public void move(String s, String d) throws IOException { Path a = p(s), b = p(d); if (!Files.exists(a)) throw new PathNotFoundException(s); Files.createDirectories(b.getParent()); Files.move(a, b, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING); }
    public void delete(String path) throws IOException { Path t = p(path); if (!Files.exists(t)) throw new PathNotFoundException(path); try (var w = Files.walk(t)) { w.sorted(Comparator.reverseOrder()).forEach(x -> x.toFile().delete()); } }
    public Optional<Path> localFile(String path) { Path t = p(path); return Files.isRegularFile(t) ? Optional.of(t) : Optional.empty(); }
}
