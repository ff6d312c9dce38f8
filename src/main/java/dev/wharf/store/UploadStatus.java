package dev.wharf.store;

/** Where an upload session stands: its id and how many bytes it holds. */
public record UploadStatus(UploadId id, long size) {
}
