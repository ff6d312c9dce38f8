package dev.wharf.storage;

import java.time.Instant;

/** What {@link StorageDriver#stat(String)} reports. A directory's size is 0. */
public record FileInfo(String path, long size, Instant modified, boolean directory) {
}
