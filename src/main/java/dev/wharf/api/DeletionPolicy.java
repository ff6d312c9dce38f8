package dev.wharf.api;

import dev.wharf.config.RegistryConfig;
import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import jakarta.inject.Singleton;

/** {@code REGISTRY_STORAGE_DELETE_ENABLED}: deletes of manifests, tags and blobs are refused unless it is true. */
@Singleton
public class DeletionPolicy {
    private final boolean enabled;

    public DeletionPolicy(RegistryConfig config) {
        this.enabled = config.storage().delete().enabled();
    }

    public void requireEnabled() {
        if (!enabled) {
            throw new RegistryException(ErrorCode.UNSUPPORTED,
                    "deletes are disabled; set REGISTRY_STORAGE_DELETE_ENABLED=true to allow them");
        }
    }
}
