package dev.wharf.storage.s3;

import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

import java.util.function.Supplier;

/**
 * The SDK's HTTP client, built by the first request rather than with the {@code S3Client}: the URL-connection client
 * sets up TLS when it is built (an {@code SSLContext} and the JDK's trust store, ~330 classes and ~1.5 MiB of heap),
 * which an idle registry does not use. Its settings are the same whenever it is built.
 */
final class FirstUseHttpClient implements SdkHttpClient {
    private final FirstUse<SdkHttpClient> client;
    private final String name;

    /** {@code name} is what the SDK puts in its user agent: the built client's {@link #clientName}. */
    FirstUseHttpClient(Supplier<SdkHttpClient> build, String name) {
        this.client = new FirstUse<>(build);
        this.name = name;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return client.get().prepareRequest(request);
    }

    @Override
    public String clientName() {
        return name;
    }

    @Override
    public void close() {
        client.close();
    }
}
