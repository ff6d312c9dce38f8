package dev.wharf.error;

import java.util.Map;

/**
 * A failure the client is told about: an {@link ErrorCode} plus an optional detail (a string or a small map). Extra
 * response headers (for example {@code Range} on a 416) travel with it.
 */
public class RegistryException extends RuntimeException {
    private final transient ErrorCode errorCode;
    private final transient Object detail;
    private final transient Map<String, String> headers;

    public RegistryException(ErrorCode errorCode, Object detail) {
        this(errorCode, detail, Map.of());
    }

    public RegistryException(ErrorCode errorCode, Object detail, Map<String, String> headers) {
        super(errorCode.code() + (detail == null ? "" : ": " + detail), null, false, false);
        this.errorCode = errorCode;
        this.detail = detail;
        this.headers = Map.copyOf(headers);
    }

    public RegistryException(ErrorCode errorCode) {
        this(errorCode, null);
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    public Object detail() {
        return detail;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
