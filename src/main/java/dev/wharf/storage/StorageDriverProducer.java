package dev.wharf.storage;

import dev.wharf.config.RegistryConfig;
import dev.wharf.storage.filesystem.FilesystemStorageDriver;
import dev.wharf.storage.inmemory.InMemoryStorageDriver;
import dev.wharf.storage.s3.S3Clients;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;

/** Chooses the storage backend at runtime from {@code REGISTRY_STORAGE}: one build serves every configuration. */
public class StorageDriverProducer {
    private static final Logger LOG = Logger.getLogger(StorageDriverProducer.class);

    /** Built at startup, so that a missing or invalid storage setting stops the registry at once. */
    @Produces
    @Backend
    @Singleton
    @Startup
    StorageDriver storageDriver(RegistryConfig config) {
        String kind = config.storage().kind();
        StorageDriver driver = switch (kind) {
            case "filesystem" -> new FilesystemStorageDriver(Path.of(config.storage().filesystem().rootdirectory()));
            case "inmemory" -> new InMemoryStorageDriver();
            case "s3" -> S3Clients.driver(config.storage().s3());
            default -> throw new IllegalStateException("REGISTRY_STORAGE: unsupported storage driver " + kind);
        };
        LOG.infof("storage driver: %s%s", driver.name(), switch (kind) {
            case "filesystem" -> " at " + Path.of(config.storage().filesystem().rootdirectory()).toAbsolutePath();
            case "s3" -> " in bucket " + config.storage().s3().bucket().orElse("")
                    + config.storage().s3().rootdirectory().map(root -> " under " + root).orElse("");
            default -> "";
        });
        return driver;
    }

    void close(@Disposes @Backend StorageDriver driver) throws IOException {
        driver.close();
    }
}
