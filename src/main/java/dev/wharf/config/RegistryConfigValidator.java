package dev.wharf.config;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidator;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules {@link RegistryConfig}'s values follow, checked once SmallRye Config has mapped them: any broken rule stops
 * startup, every problem listed as Quarkus prints a failed mapping, {@code registry.<key> <message>}, each message
 * naming the variable. Registered as the configuration's validator through
 * {@code META-INF/services/io.smallrye.config.SmallRyeConfigBuilderCustomizer}.
 * <p>
 * Plain code rather than Bean Validation annotations: building Hibernate Validator's factory for these dozen rules
 * took about a third of the JVM's startup (0.35 s of CPU, 400 classes, 20-30 MiB resident; issue 7).
 */
public final class RegistryConfigValidator implements ConfigValidator, SmallRyeConfigBuilderCustomizer {
    private static final Pattern ADDRESS = Pattern.compile(RegistryAddress.PATTERN);
    private static final Pattern HOST = Pattern.compile("https?://[^/?#\\s]+/?");
    private static final Pattern PATH = Pattern.compile("/[^?#\\s]*");
    private static final Pattern STORAGE = Pattern.compile("filesystem|inmemory|s3");
    private static final Pattern AUTH = Pattern.compile("htpasswd");
    private static final Pattern REALM = Pattern.compile("[^\"\\\\\\p{Cntrl}]+");
    private static final Pattern LOG_LEVEL = Pattern.compile(RegistryLogLevel.PATTERN);
    private static final Pattern FORMATTER = Pattern.compile("text|json|logstash");
    private static final Pattern ENDPOINT_URL = Pattern.compile("(?i)https?://[^/?#\\s]+\\S*");

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        builder.withValidator(this);
    }

    @Override
    public void validateMapping(Class<?> mappingClass, String prefix, Object mapping) {
        if (!(mapping instanceof RegistryConfig config)) {
            return;
        }
        List<String> problems = problems(prefix, config);
        if (!problems.isEmpty()) {
            throw new ConfigValidationException(problems.stream().map(ConfigValidationException.Problem::new)
                    .toArray(ConfigValidationException.Problem[]::new));
        }
    }

    /** Each broken rule as {@code <prefix>.<key> <message>}; empty when the settings are valid. */
    static List<String> problems(String prefix, RegistryConfig config) {
        Problems problems = new Problems(prefix);
        RegistryConfig.Http http = config.http();
        problems.check("http.addr", Optional.of(http.addr()), ADDRESS, "(REGISTRY_HTTP_ADDR) must be [host]:port with a"
                + " port from 1 to 65535, e.g. :5000 or 0.0.0.0:5000");
        problems.check("http.host", http.host(), HOST,
                "(REGISTRY_HTTP_HOST) must be an absolute URL such as https://registry.example.com");
        RegistryConfig.Http.Tls tls = http.tls();
        TlsFilesValidator.problems(tls.certificate(), tls.key(), tls.clientcas().orElse(List.of()))
                .forEach(problem -> problems.add("http.tls", problem));
        problems.check("http.debug.addr", http.debug().addr(), ADDRESS,
                "REGISTRY_HTTP_DEBUG_ADDR must be [host]:port with a port from 1 to 65535, e.g. :5001");
        problems.check("http.debug.prometheus.path", Optional.of(http.debug().prometheus().path()), PATH,
                "REGISTRY_HTTP_DEBUG_PROMETHEUS_PATH must be a path such as /metrics");
        RegistryConfig.Storage storage = config.storage();
        problems.check("storage", Optional.of(storage.kind()), STORAGE, "(REGISTRY_STORAGE), the driver under storage"
                + " in config.yml, must be one of: filesystem, inmemory, s3");
        if (storage.s3().chunksize() < RegistryConfig.Storage.S3.MIN_CHUNK_SIZE) {
            problems.add("storage.s3.chunksize",
                    "(REGISTRY_STORAGE_S3_CHUNKSIZE) must be at least 5242880 (5 MiB), the smallest S3 part");
        }
        if (storage.cache().blobdescriptorsize() < 1) {
            problems.add("storage.cache.blobdescriptorsize",
                    "(REGISTRY_STORAGE_CACHE_BLOBDESCRIPTORSIZE) must be at least 1");
        }
        problems.check("auth", config.auth().kind(), AUTH, "REGISTRY_AUTH must be htpasswd (or unset for no "
                + "authentication); token and silly authentication are not supported");
        problems.check("auth.htpasswd.realm", config.auth().htpasswd().realm(), REALM,
                "REGISTRY_AUTH_HTPASSWD_REALM must not contain quotes, backslashes or control characters");
        problems.check("log.level", Optional.of(config.log().level()), LOG_LEVEL,
                "(REGISTRY_LOG_LEVEL) must be one of: error, warn, info, debug");
        problems.check("log.formatter", Optional.of(config.log().formatter()), FORMATTER,
                "REGISTRY_LOG_FORMATTER must be one of: text, json, logstash");
        List<NotificationsConfig.Endpoint> endpoints = config.notifications().endpoints();
        for (int i = 0; i < endpoints.size(); i++) {
            problems.check("notifications.endpoints[" + i + "].url", Optional.of(endpoints.get(i).url()), ENDPOINT_URL,
                    "must be an absolute http:// or https:// URL, e.g. http://listener:8080/events");
        }
        return problems.list;
    }

    /** The problems found so far, each under its full key. */
    private record Problems(String prefix, List<String> list) {
        Problems(String prefix) {
            this(prefix, new ArrayList<>());
        }

        /** A problem unless {@code value} is absent or matches {@code pattern} whole. */
        void check(String key, Optional<String> value, Pattern pattern, String message) {
            if (value.isPresent() && !pattern.matcher(value.get()).matches()) {
                add(key, message);
            }
        }

        void add(String key, String message) {
            list.add(prefix + "." + key + " " + message);
        }
    }
}
