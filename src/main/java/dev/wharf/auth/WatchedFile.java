package dev.wharf.auth;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small file parsed once and parsed again when it changes (modification time, size or inode), as distribution
 * does with its htpasswd file. Requests look at the file at most once a second, a {@code stat} done by one of them;
 * a change that cannot be read or parsed keeps the previous version and logs an error.
 */
final class WatchedFile<T> {
    private static final Logger LOG = Logger.getLogger(WatchedFile.class);
    static final long CHECK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    interface Parser<T> {
        /** Parses the file; throws {@link IllegalArgumentException} with a message for invalid content. */
        T parse(Path path) throws IOException;
    }

    private final Path path;
    private final String variable;
    private final Parser<T> parser;
    private final AtomicLong nextCheck;
    private volatile Stamp stamp;
    private volatile T value;

    private WatchedFile(Path path, String variable, Parser<T> parser, Stamp stamp, T value) {
        this.path = path;
        this.variable = variable;
        this.parser = parser;
        this.stamp = stamp;
        this.value = value;
        this.nextCheck = new AtomicLong(System.nanoTime() + CHECK_INTERVAL_NANOS);
    }

    /** Reads the file at startup; a missing, unreadable or invalid file stops startup with a message naming the variable. */
    static <T> WatchedFile<T> load(Path path, String variable, Parser<T> parser) {
        try {
            Stamp stamp = Stamp.of(path);
            return new WatchedFile<>(path, variable, parser, stamp, parser.parse(path));
        } catch (NoSuchFileException e) {
            throw new IllegalStateException(variable + ": " + path.toAbsolutePath() + " does not exist");
        } catch (IOException e) {
            throw new IllegalStateException(variable + ": cannot read " + path.toAbsolutePath() + ": " + e, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(variable + ": " + path.toAbsolutePath() + " is invalid: " + e.getMessage(), e);
        }
    }

    /** The current version, re-read first if the file changed (looked at no more than once a second). */
    T get() {
        long now = System.nanoTime();
        long due = nextCheck.get();
        if (now - due >= 0 && nextCheck.compareAndSet(due, now + CHECK_INTERVAL_NANOS)) {
            reloadIfChanged();
        }
        return value;
    }

    private void reloadIfChanged() {
        Stamp current;
        try {
            current = Stamp.of(path);
        } catch (IOException e) {
            if (stamp != null) {
                LOG.errorf("%s: cannot read %s (%s); keeping the version loaded before", variable, path, e);
                stamp = null;
            }
            return;
        }
        if (current.equals(stamp)) {
            return;
        }
        stamp = current;
        try {
            value = parser.parse(path);
            LOG.infof("%s: reloaded %s", variable, path);
        } catch (IOException | IllegalArgumentException e) {
            LOG.errorf("%s: %s is invalid (%s); keeping the version loaded before", variable, path, e.getMessage());
        }
    }

    private record Stamp(long modifiedNanos, long size, Object fileKey) {
        static Stamp of(Path path) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS), attributes.size(),
                    attributes.fileKey());
        }
    }
}
