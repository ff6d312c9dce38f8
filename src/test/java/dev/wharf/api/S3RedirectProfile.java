package dev.wharf.api;

import java.util.Map;

/** {@link S3Profile} with redirects on, as registry:2 runs on S3 by default: blob GETs answer 307 to S3Proxy. */
public class S3RedirectProfile extends S3Profile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("registry.storage.redirect.disable", "false");
    }
}
