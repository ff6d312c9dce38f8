package dev.wharf.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import jakarta.validation.constraints.Pattern;

import java.util.Optional;

/**
 * Wharf's settings, under distribution's names: {@code registry.http.addr} is {@code REGISTRY_HTTP_ADDR},
 * {@code registry.storage.filesystem.rootdirectory} is {@code REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY}, and so on.
 * Invalid values stop startup with a message naming the variable.
 */
@ConfigMapping(prefix = "registry")
public interface RegistryConfig {

    Http http();

    Storage storage();

    Log log();

    interface Http {
        /** {@code REGISTRY_HTTP_ADDR}: {@code [host]:port} to listen on. */
        @WithDefault(":5000")
        @Pattern(regexp = RegistryAddress.PATTERN,
                message = "REGISTRY_HTTP_ADDR must be [host]:port with a port from 1 to 65535, e.g. :5000 or 0.0.0.0:5000")
        String addr();

        /** {@code REGISTRY_HTTP_HOST}: the externally visible base URL used for absolute Location headers. */
        Optional<@Pattern(regexp = "https?://[^/?#\\s]+/?",
                message = "REGISTRY_HTTP_HOST must be an absolute URL such as https://registry.example.com") String>
        host();

        /** {@code REGISTRY_HTTP_RELATIVEURLS}: answer relative Location headers. */
        @WithDefault("false")
        boolean relativeurls();

        /**
         * {@code REGISTRY_HTTP_SECRET}: the key that signs upload state in Location headers. Replicas behind a load
         * balancer must share it; without it each process draws a random one at startup.
         */
        Optional<String> secret();
    }

    interface Storage {
        /** {@code REGISTRY_STORAGE}: the storage driver. */
        @WithParentName
        @WithDefault("filesystem")
        @Pattern(regexp = "filesystem|inmemory",
                message = "REGISTRY_STORAGE must be one of: filesystem, inmemory")
        String kind();

        Filesystem filesystem();

        Delete delete();

        interface Filesystem {
            /** {@code REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY}. */
            @WithName("rootdirectory")
            @WithDefault("/var/lib/registry")
            String rootdirectory();
        }

        interface Delete {
            /** {@code REGISTRY_STORAGE_DELETE_ENABLED}: allow DELETE of manifests, tags and blobs. */
            @WithDefault("false")
            boolean enabled();
        }
    }

    interface Log {
        /** {@code REGISTRY_LOG_LEVEL}: error, warn, info or debug. */
        @WithDefault("info")
        @Pattern(regexp = RegistryLogLevel.PATTERN,
                message = "REGISTRY_LOG_LEVEL must be one of: error, warn, info, debug")
        String level();
    }
}
