package dev.wharf.store;

import dev.wharf.model.Digest;
import dev.wharf.model.RepositoryName;
import dev.wharf.model.Tag;

/**
 * Every storage path, built in one place, in distribution's layout byte for byte
 * ({@code registry/storage/paths.go}), so that a root written by {@code registry:2} is served as it is and the other
 * way round:
 * <pre>
 * /docker/registry/v2/blobs/&lt;alg&gt;/&lt;hex[0:2]&gt;/&lt;hex&gt;/data
 * /docker/registry/v2/repositories/&lt;name&gt;/_layers/&lt;alg&gt;/&lt;hex&gt;/link
 * /docker/registry/v2/repositories/&lt;name&gt;/_manifests/revisions/&lt;alg&gt;/&lt;hex&gt;/link
 * /docker/registry/v2/repositories/&lt;name&gt;/_manifests/tags/&lt;tag&gt;/current/link
 * /docker/registry/v2/repositories/&lt;name&gt;/_manifests/tags/&lt;tag&gt;/index/&lt;alg&gt;/&lt;hex&gt;/link
 * /docker/registry/v2/repositories/&lt;name&gt;/_uploads/&lt;id&gt;/{data,startedat,hashstates/&lt;alg&gt;/&lt;offset&gt;}
 * /docker/registry/v2/repositories/&lt;name&gt;/_wharf/tagsversion   (Wharf's own, on S3: see TagListVersions)
 * </pre>
 * Only validated names, tags, digests and upload ids are accepted, so no path can leave its place.
 */
public final class RegistryLayout {
    public static final String ROOT = "/docker/registry/v2";
    public static final String REPOSITORIES = ROOT + "/repositories";
    static final String MANIFESTS_DIR = "_manifests";

    /** The name of a blob's content, in its digest's directory. */
    static final String DATA = "data";
    static final String STARTED_AT = "startedat";

    private RegistryLayout() {
    }

    public static String blobDir(Digest digest) {
        return ROOT + "/blobs/" + digest.algorithm() + "/" + digest.hex().substring(0, 2) + "/" + digest.hex();
    }

    public static String blobData(Digest digest) {
        return blobDir(digest) + "/" + DATA;
    }

    public static String repository(RepositoryName name) {
        return REPOSITORIES + "/" + name.value();
    }

    public static String layerLink(RepositoryName name, Digest digest) {
        return repository(name) + "/_layers/" + digest.algorithm() + "/" + digest.hex() + "/link";
    }

    public static String manifests(RepositoryName name) {
        return repository(name) + "/" + MANIFESTS_DIR;
    }

    public static String revisions(RepositoryName name) {
        return manifests(name) + "/revisions";
    }

    public static String revisionDir(RepositoryName name, Digest digest) {
        return revisions(name) + "/" + digest.algorithm() + "/" + digest.hex();
    }

    public static String revisionLink(RepositoryName name, Digest digest) {
        return revisionDir(name, digest) + "/link";
    }

    /** Wharf's token of the repository's tags list ({@link TagListVersions}); distribution never reads it. */
    public static String tagsVersion(RepositoryName name) {
        return repository(name) + "/_wharf/tagsversion";
    }

    public static String tags(RepositoryName name) {
        return manifests(name) + "/tags";
    }

    public static String tagDir(RepositoryName name, Tag tag) {
        return tags(name) + "/" + tag.value();
    }

    public static String tagCurrentLink(RepositoryName name, Tag tag) {
        return tagDir(name, tag) + "/current/link";
    }

    public static String tagIndexLink(RepositoryName name, Tag tag, Digest digest) {
        return tagDir(name, tag) + "/index/" + digest.algorithm() + "/" + digest.hex() + "/link";
    }

    public static String uploads(RepositoryName name) {
        return repository(name) + "/_uploads";
    }

    public static String uploadDir(RepositoryName name, UploadId id) {
        return uploads(name) + "/" + id.value();
    }

    public static String uploadData(RepositoryName name, UploadId id) {
        return uploadDir(name, id) + "/data";
    }

    public static String uploadStartedAt(RepositoryName name, UploadId id) {
        return uploadDir(name, id) + "/" + STARTED_AT;
    }

    /** The directory of the saved running-hash states of an upload, one object per offset. */
    public static String uploadHashStates(RepositoryName name, UploadId id, String algorithm) {
        return uploadDir(name, id) + "/hashstates/" + algorithm;
    }

    public static String uploadHashState(RepositoryName name, UploadId id, String algorithm, long offset) {
        return uploadHashStates(name, id, algorithm) + "/" + offset;
    }
}
