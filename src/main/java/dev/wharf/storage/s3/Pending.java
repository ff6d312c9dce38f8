package dev.wharf.storage.s3;

import java.util.Map;

/**
 * What the metadata of a pending object says: its content is parts {@code 1..parts} ({@code partBytes} bytes) of the
 * open multipart upload {@code uploadId} to the same key, followed by the object's own bytes (the tail). See
 * {@link S3FileWriter}.
 */
record Pending(String uploadId, int parts, long partBytes) {
    private static final String UPLOAD = "wharf-upload-id";
    private static final String PARTS = "wharf-upload-parts";
    private static final String BYTES = "wharf-upload-bytes";

    /** The pending state an object's user metadata describes, or null for a complete object. */
    static Pending of(Map<String, String> metadata) {
        String uploadId = metadata.get(UPLOAD);
        if (uploadId == null) {
            return null;
        }
        return new Pending(uploadId, Integer.parseInt(metadata.get(PARTS)), Long.parseLong(metadata.get(BYTES)));
    }

    Map<String, String> metadata() {
        return Map.of(UPLOAD, uploadId, PARTS, Integer.toString(parts), BYTES, Long.toString(partBytes));
    }
}
