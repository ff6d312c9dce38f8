package dev.wharf.store;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.model.Digest;
import dev.wharf.model.RepositoryName;
import dev.wharf.model.Tag;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tags: {@code _manifests/tags/<tag>/current/link} names the manifest, {@code index/} keeps its history. On S3, tags
 * lists are remembered while the repository's {@link TagListVersions token} stays the same; every change to a
 * repository's tags (here and in {@link ManifestStore}) writes a new token before it is answered.
 */
@ApplicationScoped
public class TagStore {
    private final StorageDriver driver;
    /** Null where listings are cheap (the filesystem): no token is written there. */
    private final TagListVersions versions;

    @Inject
    public TagStore(StorageDriver driver) {
        this(driver, StorageDriver.readsAreSlow(driver));
    }

    /** With tags lists remembered by token ({@code versioned}) or listed every time. */
    TagStore(StorageDriver driver, boolean versioned) {
        this.driver = driver;
        this.versions = versioned ? new TagListVersions(driver, Clock.systemUTC()) : null;
    }

    /**
     * The repository's tags in lexical order: the names of the directories under {@code _manifests/tags}, as
     * distribution lists them (a tag directory is not read, so one left without {@code current/link} is still
     * listed). {@code NAME_UNKNOWN} when the repository holds no manifests. One {@code list} when the repository has
     * tags; a {@code stat} more only when it has none.
     */
    public List<String> listTags(RepositoryName name) throws IOException {
        if (versions == null) {
            return listFromStorage(name);
        }
        if (!versions.listedBefore(name)) {
            List<String> tags = listFromStorage(name);
            versions.listed(name);
            return tags;
        }
        Optional<String> version = versions.current(name);
        Optional<List<String>> remembered = version.flatMap(v -> versions.remembered(name, v));
        if (remembered.isPresent()) {
            return remembered.get();
        }
        List<String> tags = listFromStorage(name);
        version.ifPresent(v -> versions.remember(name, v, tags));
        return tags;
    }

    private List<String> listFromStorage(RepositoryName name) throws IOException {
        List<String> tags = new ArrayList<>();
        try {
            for (String candidate : driver.list(RegistryLayout.tags(name))) {
                if (Tag.isValid(candidate)) {
                    tags.add(candidate);
                }
            }
        } catch (PathNotFoundException e) {
            if (!Links.exists(driver, RegistryLayout.manifests(name))) {
                throw new RegistryException(ErrorCode.NAME_UNKNOWN, Map.of("name", name.value()));
            }
            return List.of();
        }
        tags.sort(null);
        return tags;
    }

    /** The digest a tag points to, if the tag exists. */
    public Optional<Digest> resolveTag(RepositoryName name, Tag tag) throws IOException {
        return Links.read(driver, RegistryLayout.tagCurrentLink(name, tag));
    }

    /** Points the tag at the digest, recording it in the tag's history first. */
    public void tagManifest(RepositoryName name, Tag tag, Digest digest) throws IOException {
        indexTag(name, tag, digest);
        pointTag(name, tag, digest);
        listChanged(name);
    }

    /**
     * After the repository's tags directory changed (a tag's {@link #indexTag history} written, a tag or the
     * repository's manifests removed): a new token, so that no replica serves a list from before. Nothing where
     * lists are not remembered.
     */
    void listChanged(RepositoryName name) throws IOException {
        if (versions != null) {
            versions.changed(name);
        }
    }

    /** Records the digest in the tag's history ({@code index/}), as distribution does before pointing the tag. */
    void indexTag(RepositoryName name, Tag tag, Digest digest) throws IOException {
        Links.write(driver, RegistryLayout.tagIndexLink(name, tag, digest), digest);
    }

    /** Points the tag's {@code current} link at the digest: once its history records it ({@link #indexTag}). */
    void pointTag(RepositoryName name, Tag tag, Digest digest) throws IOException {
        Links.write(driver, RegistryLayout.tagCurrentLink(name, tag), digest);
    }

    /** Removes a tag; the manifest it pointed to stays. {@code MANIFEST_UNKNOWN} when there is no such tag. */
    public void untag(RepositoryName name, Tag tag) throws IOException {
        try {
            driver.delete(RegistryLayout.tagDir(name, tag));
        } catch (PathNotFoundException e) {
            throw new RegistryException(ErrorCode.MANIFEST_UNKNOWN, Map.of("tag", tag.value()));
        }
        listChanged(name);
    }

    /** Removes every tag whose current link points at the digest. */
    public void untagAll(RepositoryName name, Digest digest) throws IOException {
        boolean removed = false;
        List<String> tags;
        try {
            tags = driver.list(RegistryLayout.tags(name));
        } catch (PathNotFoundException e) {
            return;
        }
        for (String candidate : tags) {
            if (!Tag.isValid(candidate)) {
                continue;
            }
            Tag tag = new Tag(candidate);
            if (resolveTag(name, tag).filter(digest::equals).isPresent()) {
                try {
                    driver.delete(RegistryLayout.tagDir(name, tag));
                } catch (PathNotFoundException e) {
                    // removed concurrently
                }
                removed = true;
            }
        }
        if (removed) {
            listChanged(name);
        }
    }
}
