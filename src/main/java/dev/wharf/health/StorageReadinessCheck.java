package dev.wharf.health;

import dev.wharf.storage.StorageDriver;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the storage backend passes its {@link StorageDriver#checkHealth()}: a stat of the root on the
 * filesystem, one HeadBucket (bounded in time) on S3.
 */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements HealthCheck {
    private final StorageDriver driver;

    public StorageReadinessCheck(StorageDriver driver) {
        this.driver = driver;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("storage").withData("driver", driver.name());
        try {
            driver.checkHealth();
            return response.up().build();
        } catch (Exception e) {
            return response.down().withData("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }
}
