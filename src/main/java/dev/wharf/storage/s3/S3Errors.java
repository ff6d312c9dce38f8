package dev.wharf.storage.s3;

import dev.wharf.storage.PathNotFoundException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;

/** Translates a failed S3 request into the driver SPI's exceptions. */
final class S3Errors {
    private S3Errors() {
    }

    /** A missing key (404, but not a missing bucket) is {@link PathNotFoundException}; any other failure an {@link IOException}. */
    static IOException translate(RuntimeException e, String path, String operation) {
        if (e instanceof S3Exception s3 && s3.statusCode() == 404 && !(s3.awsErrorDetails() != null
                && "NoSuchBucket".equals(s3.awsErrorDetails().errorCode()))) {
            return new PathNotFoundException(path);
        }
        return new IOException("S3 " + operation + " " + path + ": " + e.getMessage(), e);
    }
}
