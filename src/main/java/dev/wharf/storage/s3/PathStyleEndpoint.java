package dev.wharf.storage.s3;

import software.amazon.awssdk.awscore.endpoints.AwsEndpointAttribute;
import software.amazon.awssdk.awscore.endpoints.authscheme.EndpointAuthScheme;
import software.amazon.awssdk.awscore.endpoints.authscheme.SigV4AuthScheme;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointParams;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The endpoint of every request to an S3-compatible server at a configured URL, addressed path-style: the URL
 * followed by the bucket, signed with SigV4 for {@code s3} in the configured region without double URL encoding.
 * That is what the SDK's endpoint rules answer for such a server, which they work out again for every request, and
 * once more to choose its signing scheme (a tenth of the CPU samples of small pushes to S3Proxy). AWS itself (no
 * endpoint URL, or virtual-hosted addressing) keeps the rules: regions, FIPS, dual-stack and access points.
 */
final class PathStyleEndpoint implements S3EndpointProvider {
    private final String base;
    private final List<EndpointAuthScheme> authSchemes;
    /** The answer for the bucket asked last (the driver's only one), built once. */
    private volatile Endpoint last;

    PathStyleEndpoint(URI endpoint, Region region) {
        this.base = endpoint.toString().replaceAll("/+$", "");
        this.authSchemes = List.of(SigV4AuthScheme.builder().signingName("s3").signingRegion(region.id())
                .disableDoubleEncoding(true).build());
    }

    @Override
    public CompletableFuture<Endpoint> resolveEndpoint(S3EndpointParams params) {
        String url = params.bucket() == null ? base : base + "/" + params.bucket();
        Endpoint endpoint = last;
        if (endpoint == null || !endpoint.url().toString().equals(url)) {
            endpoint = Endpoint.builder().url(URI.create(url))
                    .putAttribute(AwsEndpointAttribute.AUTH_SCHEMES, authSchemes).build();
            last = endpoint;
        }
        return CompletableFuture.completedFuture(endpoint);
    }
}
