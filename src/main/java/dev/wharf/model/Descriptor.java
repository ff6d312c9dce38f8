package dev.wharf.model;

import java.util.Map;

/** An OCI content descriptor as it appears in a manifest: what is referenced, by digest, with its size. */
public record Descriptor(String mediaType, Digest digest, long size, String artifactType,
                         Map<String, String> annotations, Platform platform, boolean hasUrls) {

    /** The {@code platform} of an index entry. */
    public record Platform(String os, String architecture, String variant) {
    }
}
