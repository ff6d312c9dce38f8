package dev.wharf.error;

/**
 * Every error the registry can answer, with the HTTP status it carries. Resources only name a code; the status and
 * the JSON body are decided here and in the single exception mapper. Codes and statuses follow the OCI distribution
 * spec and distribution's {@code registry/api/errcode/register.go}.
 */
public enum ErrorCode {
    BLOB_UNKNOWN(404, "blob unknown to registry"),
    BLOB_UPLOAD_INVALID(404, "blob upload invalid"),
    BLOB_UPLOAD_UNKNOWN(404, "blob upload unknown to registry"),
    DIGEST_INVALID(400, "provided digest did not match uploaded content"),
    MANIFEST_BLOB_UNKNOWN(400, "manifest references a manifest or blob unknown to registry"),
    MANIFEST_INVALID(400, "manifest invalid"),
    MANIFEST_UNKNOWN(404, "manifest unknown to registry"),
    /** A manifest body over the size limit: the spec asks for 413; the wire code stays one of the spec's. */
    MANIFEST_TOO_LARGE("SIZE_INVALID", 413, "manifest exceeds the size limit"),
    NAME_INVALID(400, "invalid repository name"),
    NAME_UNKNOWN(404, "repository name not known to registry"),
    SIZE_INVALID(400, "provided length did not match content length"),
    TAG_INVALID(400, "manifest tag did not match URI"),
    RANGE_INVALID(416, "invalid content range"),
    PAGINATION_NUMBER_INVALID(400, "invalid number of results requested"),
    UNAUTHORIZED(401, "authentication required"),
    DENIED(403, "requested access to the resource is denied"),
    UNSUPPORTED(405, "the operation is unsupported"),
    NOT_FOUND("NOT_FOUND", 404, "no such endpoint"),
    TOOMANYREQUESTS(429, "too many requests"),
    UNAVAILABLE(503, "service unavailable"),
    UNKNOWN(500, "unknown error");

    private final String code;
    private final int status;
    private final String message;

    ErrorCode(int status, String message) {
        this.code = name();
        this.status = status;
        this.message = message;
    }

    ErrorCode(String code, int status, String message) {
        this.code = code;
        this.status = status;
        this.message = message;
    }

    /** The code as written in the JSON body. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }
}
