package dev.wharf.store;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A small blob's whole body, read into memory so that it can be verified first and then stored in one atomic write
 * under {@code blobs/}, without the upload session's data object and the move (on S3: a PutObject, a CopyObject and
 * the listing that deletes the copy's source). Only bodies of a known length up to {@link #MAX} are read so: the
 * memory is bounded by the announced length, never by what the client sends.
 */
final class WholeBody {
    /** The largest body read whole: the size {@link UploadStore} hashes on the request's thread anyway. */
    static final int MAX = 256 * 1024;

    private WholeBody() {
    }

    /**
     * True when the request carries a whole blob of {@code 1..MAX} bytes: a known {@code Content-Length} and no
     * {@code Content-Range}, or one covering the same bytes from 0. (A range that disagrees goes the streaming way,
     * which rejects it.)
     */
    static boolean fits(Optional<ContentRange> range, OptionalLong contentLength) {
        if (contentLength.isEmpty()) {
            return false;
        }
        long length = contentLength.getAsLong();
        return length > 0 && length <= MAX
                && range.map(r -> r.start() == 0 && r.length() == length).orElse(true);
    }

    /**
     * Exactly {@code length} bytes of the body; {@code SIZE_INVALID} when it ends before them or goes on after them,
     * as when streaming.
     */
    static byte[] read(InputStream body, int length) {
        byte[] content;
        int more;
        try {
            content = body.readNBytes(length);
            more = content.length == length ? body.read() : -1;
        } catch (IOException e) {
            throw new RegistryException(ErrorCode.SIZE_INVALID, "request body ended early: " + e.getMessage());
        }
        if (content.length != length) {
            throw new RegistryException(ErrorCode.SIZE_INVALID,
                    "received " + content.length + " bytes, expected " + length);
        }
        if (more >= 0) {
            throw new RegistryException(ErrorCode.SIZE_INVALID, "received more than " + length + " bytes, expected "
                    + length);
        }
        return content;
    }
}
