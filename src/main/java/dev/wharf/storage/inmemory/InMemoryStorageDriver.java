package dev.wharf.storage.inmemory;

import dev.wharf.storage.*;
import dev.wharf.storage.FileWriter;
import java.io.*;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Instant;
import java.util.*;
import java.util.concurrent.ConcurrentSkipListMap;

/** Minimal first cut; superseded by the full driver verified by the storage contract suite. */
public class InMemoryStorageDriver implements StorageDriver {
    private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();
    public String name() { return "inmemory"; }
    public byte[] getContent(String path) throws IOException { byte[] b = objects.get(StoragePaths.check(path)); if (b == null) throw new PathNotFoundException(path); return b.clone(); }
    public void putContent(String path, byte[] content) { objects.put(StoragePaths.check(path), content.clone()); }
    public InputStream reader(String path, long offset) throws IOException { byte[] b = getContent(path); if (offset < 0 || offset > b.length) throw new InvalidOffsetException(path, offset); return new ByteArrayInputStream(b, (int) offset, b.length - (int) offset); }
    public FileWriter writer(String path, boolean append) throws IOException {
        StoragePaths.check(path);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] existing = append ? objects.getOrDefault(path, new byte[0]) : new byte[0];
        out.write(existing);
        return new FileWriter() {
            boolean open = true;
            public long size() { return out.size(); }
            public void commit() { objects.put(path, out.toByteArray()); open = false; }
            public void cancel() { open = false; }
            public void close() { open = false; }
            public boolean isOpen() { return open; }
            public int write(ByteBuffer src) throws IOException { if (!open) throw new ClosedChannelException(); int n = src.remaining(); byte[] b = new byte[n]; src.get(b); out.write(b); return n; }
        };
    }
    public FileInfo stat(String path) throws IOException { StoragePaths.check(path); byte[] b = objects.get(path); if (b != null) return new FileInfo(path, b.length, Instant.now(), false); String p = path.equals("/") ? "/" : path + "/"; String k = objects.ceilingKey(p); if (k != null && k.startsWith(p)) return new FileInfo(path, 0, Instant.now(), true); throw new PathNotFoundException(path); }
    public List<String> list(String path) throws IOException { StoragePaths.check(path); String p = path.equals("/") ? "/" : path + "/"; TreeSet<String> out = new TreeSet<>(); for (String k : objects.tailMap(p).keySet()) { if (!k.startsWith(p)) break; String rest = k.substring(p.length()); int s = rest.indexOf('/'); out.add(s < 0 ? rest : rest.substring(0, s)); } if (out.isEmpty()) throw new PathNotFoundException(path); return new ArrayList<>(out); }
    public void move(String s, String d) throws IOException { byte[] b = objects.remove(StoragePaths.check(s)); if (b == null) throw new PathNotFoundException(s); objects.put(StoragePaths.check(d), b); }
    public void delete(String path) throws IOException { StoragePaths.check(path); boolean any = objects.remove(path) != null; String p = path + "/"; for (String k : new ArrayList<>(objects.tailMap(p).keySet())) { if (!k.startsWith(p)) break; objects.remove(k); any = true; } if (!any) throw new PathNotFoundException(path); }
}
