package dev.wharf.api;

/**
 * Path templates of the distribution API. A repository name may hold slashes and words such as {@code blobs} or
 * {@code manifests}; the name template takes everything up to the last fixed segment, and the name is then checked
 * against the spec's grammar ({@code NAME_INVALID}) before it means anything.
 */
final class Routes {
    static final String NAME = "{name: .+}";
    static final String BLOB = NAME + "/blobs/{digest}";
    static final String UPLOADS = NAME + "/blobs/uploads/";
    static final String UPLOAD = NAME + "/blobs/uploads/{uuid}";
    static final String MANIFEST = NAME + "/manifests/{reference}";
    static final String TAGS = NAME + "/tags/list";
    static final String REFERRERS = NAME + "/referrers/{digest}";

    static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";
    static final String API_VERSION = "registry/2.0";
    static final String CONTENT_DIGEST = "Docker-Content-Digest";
    static final String UPLOAD_UUID = "Docker-Upload-UUID";

    private Routes() {
    }
}
