package dev.wharf.metrics;

import dev.wharf.storage.Backend;
import dev.wharf.storage.CoalescedReads;
import dev.wharf.storage.StorageDriver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Storage metrics, after distribution's {@code registry_storage_action_seconds}: the latency of each call into the
 * backend ({@code registry_storage_action_seconds{driver,action}}, the same name, a histogram) and its failures
 * ({@code wharf_storage_errors_total{driver,action}}). The registry's {@link StorageDriver} is the backend wrapped
 * by {@link MeteredStorageDriver}, and on S3 by {@link CoalescedReads} around that (the meters count the reads that
 * reach the backend, not the callers that shared them).
 */
@Singleton
public class StorageMetrics {
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final String driver;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> errors = new ConcurrentHashMap<>();

    public StorageMetrics(MeterRegistry registry, @Backend StorageDriver backend) {
        this.registry = registry;
        this.driver = backend.name();
    }

    @Produces
    @Singleton
    StorageDriver meteredDriver(@Backend StorageDriver backend) {
        // metered below the coalescing, so that the meters count the calls that reach the backend
        return CoalescedReads.whereReadsAreSlow(new MeteredStorageDriver(backend, this));
    }

    void record(String action, long nanos, boolean failed) {
        timers.computeIfAbsent(action, a -> Timer.builder("registry.storage.action")
                .description("Latency of calls into the storage backend")
                .tags("driver", driver, "action", a).serviceLevelObjectives(BUCKETS).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
        if (failed) {
            errors.computeIfAbsent(action, a -> Counter.builder("wharf.storage.errors")
                    .description("Calls into the storage backend that failed (a missing path is no failure)")
                    .tags("driver", driver, "action", a).register(registry)).increment();
        }
    }
}
