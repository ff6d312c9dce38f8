package dev.wharf.config;

import io.quarkus.runtime.ExecutionMode;
import io.quarkus.runtime.LaunchMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads config.yml and the {@code REGISTRY_*} variables into a {@link RegistryConfigSource}, and derives Quarkus' own
 * settings from it: {@code http.addr} gives {@code quarkus.http.host} and {@code quarkus.http.port};
 * {@code http.tls.*} gives HTTPS on that port ({@link TlsSettings}); {@code http.draintimeout} gives
 * {@code quarkus.shutdown.timeout} (graceful shutdown); {@code log.level} gives
 * {@code quarkus.log.level}. Invalid values derive nothing and are reported by the validated {@link RegistryConfig}
 * mapping.
 * <p>
 * The file is the one named by {@code registry.configuration.path}: the system property that {@code serve <path>}
 * sets, or {@code REGISTRY_CONFIGURATION_PATH}; such a file must exist. Without one,
 * {@code /etc/docker/registry/config.yml} is read if it exists, but only in the prod profile: dev mode and
 * {@code @QuarkusTest}s never see a machine's own registry configuration (Debian's docker-registry package installs
 * one). Nothing is read during the build, which would record it in the jar.
 */
public class RegistryConfigSourceFactory implements ConfigSourceFactory {
    /** Below environment variables and system properties (300/400), above application.properties (250). */
    static final int ORDINAL = 275;
    /** The path of config.yml: set by {@code serve <path>} or as {@code REGISTRY_CONFIGURATION_PATH}. */
    public static final String PATH_PROPERTY = "registry.configuration.path";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (ExecutionMode.current() == ExecutionMode.UNSET) {
            // The build (augmentation) would record what it reads as the jar's defaults: the build machine's
            // config.yml and REGISTRY_* variables must not end up in the jar.
            return List.of();
        }
        RegistryConfigSource settings = settings(context);
        ConfigSourceContext merged = new SettingsContext(context, settings);
        Map<String, String> derived = new HashMap<>();
        String addr = value(merged, "registry.http.addr");
        RegistryAddress.parse(addr == null ? ":5000" : addr).ifPresent(address -> {
            derived.put("quarkus.http.host", address.host());
            derived.put("quarkus.http.port", Integer.toString(address.port()));
            derived.putAll(TlsSettings.derive(merged, address.port()));
        });
        drainTimeout(value(merged, "registry.http.draintimeout"))
                .ifPresent(timeout -> derived.put("quarkus.shutdown.timeout", timeout.toString()));
        RegistryLogLevel.toQuarkus(value(merged, "registry.log.level"))
                .ifPresent(level -> derived.put("quarkus.log.level", level));
        return List.of(settings, new PropertiesConfigSource(derived, "wharf-derived", ORDINAL));
    }

    /** The graceful-shutdown wait; none for 0 (or an invalid value, which the validated mapping reports). */
    private static Optional<Duration> drainTimeout(String value) {
        try {
            Duration timeout = new GoDurationConverter()
                    .convert(value == null ? RegistryConfig.Http.DEFAULT_DRAINTIMEOUT : value);
            return timeout == null || timeout.isZero() || timeout.isNegative() ? Optional.empty() : Optional.of(timeout);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static RegistryConfigSource settings(ConfigSourceContext context) {
        ConfigValue explicit = context.getValue(PATH_PROPERTY);
        boolean fromEnvironment = explicit != null && explicit.getConfigSourceName() != null
                && explicit.getConfigSourceName().contains("Env");
        String givenBy = fromEnvironment ? EnvironmentOverrides.CONFIGURATION_PATH : "serve <path>";
        List<String> profiles = context.getProfiles();
        boolean readsDefaultPath = !profiles.contains("dev") && !profiles.contains("test");
        return settings(explicit == null ? null : explicit.getValue(), givenBy, readsDefaultPath);
    }

    /**
     * What the configuration will be made of, read before Quarkus starts ({@code serve}), so that a missing or
     * broken config.yml, or a boolean or number that does not convert, stops startup with its message alone.
     *
     * @throws RegistryConfigException when the file or a {@code REGISTRY_*} variable cannot be used
     */
    public static void check() {
        String fromCommandLine = System.getProperty(PATH_PROPERTY);
        String fromEnvironment = System.getenv(EnvironmentOverrides.CONFIGURATION_PATH);
        boolean commandLine = fromCommandLine != null && !fromCommandLine.isBlank();
        RegistryConfigSource settings = settings(commandLine ? fromCommandLine : fromEnvironment,
                commandLine ? "serve <path>" : EnvironmentOverrides.CONFIGURATION_PATH,
                LaunchMode.current() == LaunchMode.NORMAL);
        ValueTypeCheck.check(settings.getProperties());
    }

    private static RegistryConfigSource settings(String explicitPath, String givenBy, boolean readsDefaultPath) {
        if (explicitPath != null && !explicitPath.isBlank()) {
            Path path = Path.of(explicitPath.trim());
            return RegistryConfigSource.of(RegistryConfigFile.read(path, givenBy), System.getenv(),
                    "wharf-config " + path);
        }
        Path path = RegistryConfigFile.DEFAULT_PATH;
        if (readsDefaultPath && Files.isRegularFile(path)) {
            return RegistryConfigSource.of(RegistryConfigFile.read(path, "the default path"), System.getenv(),
                    "wharf-config " + path);
        }
        return RegistryConfigSource.of(Map.of(), System.getenv(), "wharf-config environment");
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}
