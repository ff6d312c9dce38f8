package dev.wharf.storage.s3;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.endpoints.AwsEndpointAttribute;
import software.amazon.awssdk.awscore.endpoints.authscheme.EndpointAuthScheme;
import software.amazon.awssdk.awscore.endpoints.authscheme.SigV4AuthScheme;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointParams;
import software.amazon.awssdk.services.s3.endpoints.S3EndpointProvider;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** {@link PathStyleEndpoint} answers what the SDK's endpoint rules answer for a path-style endpoint URL. */
class PathStyleEndpointTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"http://127.0.0.1:9000, us-east-1, registry", "https://minio.example:9000/, eu-west-3, registry",
            "http://s3.example/base, us-east-1, my.bucket-1"})
    void answersAsTheSdksRulesDo(String url, String region, String bucket) {
        S3EndpointParams params = S3EndpointParams.builder().endpoint(url).forcePathStyle(true)
                .region(Region.of(region)).bucket(bucket).key("docker/registry/v2/blobs/data").build();
        Endpoint expected = S3EndpointProvider.defaultProvider().resolveEndpoint(params).join();
        Endpoint actual = new PathStyleEndpoint(URI.create(url), Region.of(region)).resolveEndpoint(params).join();
        assertEquals(expected.url(), actual.url());
        assertEquals(sigV4(expected), sigV4(actual));
        assertEquals(actual, new PathStyleEndpoint(URI.create(url), Region.of(region)).resolveEndpoint(params)
                .join(), "the same every time");
    }

    private static List<Object> sigV4(Endpoint endpoint) {
        List<EndpointAuthScheme> schemes = endpoint.attribute(AwsEndpointAttribute.AUTH_SCHEMES);
        assertEquals(1, schemes.size(), schemes::toString);
        SigV4AuthScheme scheme = assertInstanceOf(SigV4AuthScheme.class, schemes.get(0));
        return List.of(scheme.name(), scheme.signingName(), scheme.signingRegion(), scheme.disableDoubleEncoding());
    }
}
