package dev.wharf.store;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.model.Digest;
import dev.wharf.model.RepositoryName;
import dev.wharf.model.Tag;
import dev.wharf.storage.PathNotFoundException;
import dev.wharf.storage.StorageDriver;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tags: {@code _manifests/tags/<tag>/current/link} names the manifest, {@code index/} keeps its history. */
@ApplicationScoped
public class TagStore {
    private final StorageDriver driver;

    public TagStore(StorageDriver driver) {
        this.driver = driver;
    }

    /**
     * The repository's tags in lexical order: the names of the directories under {@code _manifests/tags}, as
     * distribution lists them (a tag directory is not read, so one left without {@code current/link} is still
     * listed). {@code NAME_UNKNOWN} when the repository holds no manifests. One {@code list} when the repository has
     * tags; a {@code stat} more only when it has none.
     */
    public List<String> listTags(RepositoryName name) throws IOException {
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
    }

    /** Removes every tag whose current link points at the digest. */
    public void untagAll(RepositoryName name, Digest digest) throws IOException {
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
            }
        }
    }
}
