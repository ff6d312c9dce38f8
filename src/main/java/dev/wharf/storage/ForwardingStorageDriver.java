package dev.wharf.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A driver that hands every call to another: the base of decorators that change only a few calls. */
public abstract class ForwardingStorageDriver implements StorageDriver {
    protected final StorageDriver backend;

    protected ForwardingStorageDriver(StorageDriver backend) {
        this.backend = backend;
    }

    @Override
    public String name() {
        return backend.name();
    }

    @Override
    public byte[] getContent(String path) throws IOException {
        return backend.getContent(path);
    }

    @Override
    public void putContent(String path, byte[] content) throws IOException {
        backend.putContent(path, content);
    }

    @Override
    public void putScratch(String path, byte[] content) throws IOException {
        backend.putScratch(path, content);
    }

    @Override
    public InputStream reader(String path, long offset) throws IOException {
        return backend.reader(path, offset);
    }

    @Override
    public FileWriter writer(String path, boolean append) throws IOException {
        return backend.writer(path, append);
    }

    @Override
    public FileInfo stat(String path) throws IOException {
        return backend.stat(path);
    }

    @Override
    public List<String> list(String path) throws IOException {
        return backend.list(path);
    }

    @Override
    public void move(String source, String destination) throws IOException {
        backend.move(source, destination);
    }

    @Override
    public void delete(String path) throws IOException {
        backend.delete(path);
    }

    @Override
    public void moveThenDelete(String source, String destination, String directory) throws IOException {
        backend.moveThenDelete(source, destination, directory);
    }

    @Override
    public void deleteListed(String directory, List<String> names) throws IOException {
        backend.deleteListed(directory, names);
    }

    @Override
    public Optional<Path> localFile(String path) {
        return backend.localFile(path);
    }

    @Override
    public Optional<URI> redirectUrl(String path, String method) {
        return backend.redirectUrl(path, method);
    }

    @Override
    public void checkHealth() throws IOException {
        backend.checkHealth();
    }

    @Override
    public void close() throws IOException {
        backend.close();
    }
}
