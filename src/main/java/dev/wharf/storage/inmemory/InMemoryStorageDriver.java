package dev.wharf.storage.inmemory;

import dev.wharf.storage.FileInfo;
import dev.wharf.storage.FileWriter;
import dev.wharf.storage.InvalidOffsetException;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import dev.wharf.storage.StoragePaths;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Keeps objects in memory, for tests and throw-away registries. Objects are immutable {@link MemoryObject}s in a
 * sorted concurrent map keyed by path, so single-object reads need no lock and always see one whole version.
 * Directories are implicit: one exists while some object exists below it. {@link #move} and {@link #delete}, which
 * touch several keys, are serialised with each other.
 */
public class InMemoryStorageDriver implements StorageDriver {
    private final ConcurrentSkipListMap<String, MemoryObject> objects = new ConcurrentSkipListMap<>();
    private final Object structureLock = new Object();
    private final Clock clock;

    public InMemoryStorageDriver() {
        this(Clock.systemUTC());
    }

    InMemoryStorageDriver(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "inmemory";
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        return object(path).toByteArray();
    }

    @Override
    public void putContent(String path, byte[] content) {
        StoragePaths.checkObject(path);
        objects.put(path, MemoryObject.of(List.of(content.clone()), clock.instant()));
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        MemoryObject object = object(path);
        if (offset < 0 || offset > object.size()) {
            throw new InvalidOffsetException(path, offset);
        }
        return object.open(offset);
    }

    /**
     * Both kinds of writer publish only on commit. An appending writer continues the version present when it was
     * opened (callers serialise writers per path, so that is still the current one at commit).
     */
    @Override
    public FileWriter writer(String path, boolean append) {
        StoragePaths.checkObject(path);
        MemoryObject base = append ? objects.getOrDefault(path, MemoryObject.EMPTY) : MemoryObject.EMPTY;
        return new MemoryFileWriter(base.size(), written -> objects.put(path, base.append(written, clock.instant())));
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        StoragePaths.check(path);
        MemoryObject object = objects.get(path);
        if (object != null) {
            return new FileInfo(path, object.size(), object.modified(), false);
        }
        Instant latest = null;
        for (MemoryObject below : below(path).values()) {
            if (latest == null || below.modified().isAfter(latest)) {
                latest = below.modified();
            }
        }
        if (latest == null) {
            throw new PathNotFoundException(path);
        }
        return new FileInfo(path, 0, latest, true);
    }

    @Override
    public List<String> list(String path) throws IOException {
        String prefix = directoryPrefix(StoragePaths.check(path));
        TreeSet<String> names = new TreeSet<>();
        String key = objects.ceilingKey(prefix);
        while (key != null && key.startsWith(prefix)) {
            String rest = key.substring(prefix.length());
            int slash = rest.indexOf('/');
            String name = slash < 0 ? rest : rest.substring(0, slash);
            names.add(name);
            // skip the rest of a child directory: its keys all sort before "<name>0" ('0' follows '/')
            key = slash < 0 ? objects.higherKey(key) : objects.ceilingKey(prefix + name + "0");
        }
        if (names.isEmpty()) {
            throw new PathNotFoundException(path);
        }
        return new ArrayList<>(names);
    }

    @Override
    public void move(String source, String destination) throws IOException {
        StoragePaths.checkObject(source);
        StoragePaths.checkObject(destination);
        synchronized (structureLock) {
            MemoryObject object = objects.get(source);
            if (object == null) {
                throw new PathNotFoundException(source);
            }
            if (!source.equals(destination)) {
                objects.put(destination, object);
                objects.remove(source, object);
            }
        }
    }

    @Override
    public void delete(String path) throws IOException {
        StoragePaths.check(path);
        synchronized (structureLock) {
            boolean found = objects.remove(path) != null;
            NavigableMap<String, MemoryObject> below = below(path);
            found |= !below.isEmpty();
            below.clear();
            if (!found) {
                throw new PathNotFoundException(path);
            }
        }
    }

    @Override
    public Optional<Path> localFile(String path) {
        StoragePaths.check(path);
        return Optional.empty();
    }

    private MemoryObject object(String path) throws PathNotFoundException {
        MemoryObject object = objects.get(StoragePaths.check(path));
        if (object == null) {
            throw new PathNotFoundException(path);
        }
        return object;
    }

    /** A live view of every object strictly below the directory. */
    private NavigableMap<String, MemoryObject> below(String directory) {
        String prefix = directoryPrefix(directory);
        // every key starting with "<prefix>" sorts before "<prefix without its last '/'>0"
        String end = prefix.substring(0, prefix.length() - 1) + "0";
        return objects.subMap(prefix, true, end, false);
    }

    private static String directoryPrefix(String directory) {
        return "/".equals(directory) ? "/" : directory + "/";
    }
}
