package dev.wharf.api;

/**
 * Path templates of the distribution API. A repository name may hold slashes and words such as {@code blobs} or
 * {@code manifests}; the name template takes everything up to the last fixed segment, and the name is then checked
 * against the spec's grammar ({@code NAME_INVALID}) before it means anything.
 */
final class Routes {
    /**
     * {@code \G}: the name starts where Quarkus REST starts looking. It tries each template with a regex in turn with
     * {@code Matcher.find(position)} and keeps a match only if it starts at that position; but where a template does
     * not match there, {@code find} goes on to try every later position, each a greedy {@code .+} backtracking over
     * the rest of the path, and every request paid that for each template tried before its own. Anchored, a
     * template that does not match fails at once (the router went from 29 % to 7 % of a manifest GET's CPU;
     * docs/performance.md, item 24). It matches the same paths.
     */
    static final String NAME = "{name: \\G.+}";
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
