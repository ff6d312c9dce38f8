package dev.wharf.testsupport;

import dev.wharf.error.ErrorCode;

/**
 * A malformed request and what it must get: always a 4xx, never a 5xx; {@link Expect} says how much more is known.
 *
 * @param request the request, sent byte for byte
 * @param expect  what the answer must be
 * @param code    the exact error code, for {@link Expect#CODE}
 */
public record BadRequest(RawHttp request, Expect expect, ErrorCode code) {

    /** What a bad request must be answered with. */
    public enum Expect {
        /** The spec's error JSON with exactly this code and its status. */
        CODE,
        /** The spec's error JSON with some {@link ErrorCode} and its 4xx status. */
        SPEC_ERROR,
        /** A 4xx decided by Vert.x's HTTP decoder or outside {@code /v2}: the application never sees it. */
        CLIENT_ERROR,
        /** A 4xx, or a closed connection: the request never ends, so HTTP leaves no room for an answer. */
        CLIENT_ERROR_OR_CLOSE,
        /** Not malformed at all to the API (e.g. {@code last=../../x} is only compared): 2xx, or the spec's 4xx. */
        NOT_5XX
    }

    public static BadRequest code(ErrorCode code, RawHttp request) {
        return new BadRequest(request, Expect.CODE, code);
    }

    public static BadRequest specError(RawHttp request) {
        return new BadRequest(request, Expect.SPEC_ERROR, null);
    }

    public static BadRequest clientError(RawHttp request) {
        return new BadRequest(request, Expect.CLIENT_ERROR, null);
    }

    public static BadRequest clientErrorOrClose(RawHttp request) {
        return new BadRequest(request, Expect.CLIENT_ERROR_OR_CLOSE, null);
    }

    public static BadRequest not5xx(RawHttp request) {
        return new BadRequest(request, Expect.NOT_5XX, null);
    }

    @Override
    public String toString() {
        return request.describe() + " → " + (code != null ? code.code() : expect);
    }
}
