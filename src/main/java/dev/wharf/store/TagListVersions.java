package dev.wharf.store;

import dev.wharf.model.RepositoryName;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Tags lists remembered between requests without serving one late. On S3 a tags list is a LIST, tens of
 * milliseconds whatever else is done; a small object per repository ({@code _wharf/tagsversion}) holds a token that
 * Wharf writes anew, a random value, after every change to the repository's tags directory. A list is remembered with
 * the token read before it was listed, and served again while the token read for a request is the same. The token
 * is read only for repositories this replica listed before: a list asked for once costs its LIST alone.
 *
 * <p>Never late as to any Wharf's writes, on any replica sharing the storage: a change completed before a request
 * began wrote its token after the change; the token the request reads is that one or a later one, and a list
 * remembered with it was listed after it was written, so after the change. A repository without a token (never
 * changed by Wharf) is listed every time. Writers that do not know the token (registry:2 sharing the bucket, edits
 * by hand) are seen once Wharf next changes the repository's tags, or when the remembered list is {@link #MAX_AGE_MILLIS}
 * old. distribution ignores the file ({@code _} directories are not repositories, and garbage collection keeps it).
 */
final class TagListVersions {
    /** How long a list is served for the same token: bounds how late a change by another program is seen. */
    static final long MAX_AGE_MILLIS = 5 * 60 * 1000;
    private static final int REMEMBERED = 4096;

    private record Remembered(String version, List<String> tags, long at) {
    }

    private final StorageDriver driver;
    private final Clock clock;
    private final Map<RepositoryName, Remembered> lists = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<RepositoryName, Remembered> eldest) {
                    return size() > REMEMBERED;
                }
            });

    TagListVersions(StorageDriver driver, Clock clock) {
        this.driver = driver;
        this.clock = clock;
    }

    /** The repository's token now; empty when Wharf never changed its tags. */
    Optional<String> current(RepositoryName name) throws IOException {
        try {
            return Optional.of(new String(driver.getContent(RegistryLayout.tagsVersion(name)), StandardCharsets.UTF_8));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Whether this replica listed the repository's tags lately (or remembers that it did). */
    boolean listedBefore(RepositoryName name) {
        return lists.containsKey(name);
    }

    /** Notes that the repository's tags were listed, without a token to remember the list by. */
    void listed(RepositoryName name) {
        lists.putIfAbsent(name, new Remembered(null, List.of(), 0));
    }

    /** The list remembered with {@code version}, if there is one and it is not too old. */
    Optional<List<String>> remembered(RepositoryName name, String version) {
        Remembered known = lists.get(name);
        if (known == null || !version.equals(known.version) || clock.millis() - known.at >= MAX_AGE_MILLIS) {
            return Optional.empty();
        }
        return Optional.of(known.tags);
    }

    /** Remembers {@code tags}, listed after {@code version} was read. */
    void remember(RepositoryName name, String version, List<String> tags) {
        lists.put(name, new Remembered(version, List.copyOf(tags), clock.millis()));
    }

    /** Writes a new token: after each change to the repository's tags directory, before the change is answered. */
    void changed(RepositoryName name) throws IOException {
        driver.putContent(RegistryLayout.tagsVersion(name),
                UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    }
}
