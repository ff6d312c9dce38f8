package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.store.ManifestStore;

import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;

/**
 * Reads a manifest body, refusing more than {@link ManifestStore#MAX_MANIFEST_BYTES} with a 413, and a body that ends
 * before its {@code Content-Length} (the client went away mid-body) with {@code SIZE_INVALID}.
 */
final class ManifestBody {
    private ManifestBody() {
    }

    static byte[] read(InputStream body, OptionalLong contentLength) {
        int max = ManifestStore.MAX_MANIFEST_BYTES;
        if (contentLength.isPresent() && contentLength.getAsLong() > max) {
            throw tooLarge(contentLength.getAsLong());
        }
        if (body == null) {
            return new byte[0];
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes(max + 1);
        } catch (IOException e) {
            // the client closed or broke the body: its mistake, not a 500 to log
            throw new RegistryException(ErrorCode.SIZE_INVALID, "request body ended early: " + e.getMessage());
        }
        if (bytes.length > max) {
            throw tooLarge(-1);
        }
        return bytes;
    }

    private static RegistryException tooLarge(long length) {
        return new RegistryException(ErrorCode.MANIFEST_TOO_LARGE,
                "manifest is larger than " + ManifestStore.MAX_MANIFEST_BYTES + " bytes"
                        + (length >= 0 ? " (" + length + ")" : ""));
    }
}
