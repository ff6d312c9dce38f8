package dev.wharf.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry API calls the benchmark makes, over one JDK {@link HttpClient} (HTTP/1.1, keep-alive), each checking
 * its status: a wrong answer ends the scenario with the answer in the message instead of being measured.
 */
final class RegistryClient {
    static final String OCTET_STREAM = "application/octet-stream";
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final Optional<String> authorization;

    /** {@code authorization}: the {@code Authorization} header sent with every request, if any. */
    RegistryClient(String base, Optional<String> authorization) {
        this.base = URI.create(base);
        this.authorization = authorization;
    }

    /** Pushes a blob in one {@code PUT} after opening the session ({@code POST}, then {@code PUT ?digest=} with the body). */
    void pushMonolithic(String repository, String digest, BodyPublisher body) throws Exception {
        String location = startUpload(repository);
        send(request(withDigest(location, digest)).header("Content-Type", OCTET_STREAM).PUT(body), 201);
    }

    /** Pushes a blob in {@code PATCH}es of {@code chunkSize} bytes with {@code Content-Range}, then {@code PUT ?digest=}. */
    void pushChunked(String repository, LargeBlob blob, int chunkSize) throws Exception {
        String location = startUpload(repository);
        for (long offset = 0; offset < blob.size(); offset += chunkSize) {
            int length = (int) Math.min(chunkSize, blob.size() - offset);
            HttpResponse<String> patched = send(request(location).header("Content-Type", OCTET_STREAM)
                    .header("Content-Range", offset + "-" + (offset + length - 1))
                    .method("PATCH", blob.body(offset, length)), 202);
            location = location(patched);
        }
        send(request(withDigest(location, blob.digest())).PUT(BodyPublishers.noBody()), 201);
    }

    /** {@code POST .../blobs/uploads/?mount=&from=}: links an existing blob, answered 201. */
    void mount(String repository, String digest, String from) throws Exception {
        send(request("/v2/" + repository + "/blobs/uploads/?mount=" + digest + "&from=" + from)
                .POST(BodyPublishers.noBody()), 201);
    }

    /** {@code GET} a blob, reading and discarding its bytes; returns how many there were. */
    long getBlob(String repository, String digest) throws Exception {
        HttpResponse<InputStream> response = http.send(request("/v2/" + repository + "/blobs/" + digest).GET()
                .build(), BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            long read = in.transferTo(OutputStream.nullOutputStream());
            check(response, 200, "(" + read + " bytes)");
            return read;
        }
    }

    void headBlob(String repository, String digest) throws Exception {
        send(request("/v2/" + repository + "/blobs/" + digest).method("HEAD", BodyPublishers.noBody()), 200);
    }

    void putManifest(String repository, String reference, String mediaType, byte[] manifest) throws Exception {
        send(request("/v2/" + repository + "/manifests/" + reference).header("Content-Type", mediaType)
                .PUT(BodyPublishers.ofByteArray(manifest)), 201);
    }

    String getManifest(String repository, String reference, String accept) throws Exception {
        return send(request("/v2/" + repository + "/manifests/" + reference).header("Accept", accept).GET(), 200)
                .body();
    }

    String listTags(String repository) throws Exception {
        return send(request("/v2/" + repository + "/tags/list").GET(), 200).body();
    }

    /** Walks {@code /v2/_catalog} page by page ({@code n=pageSize}, following {@code Link}), returning every name. */
    List<String> walkCatalog(int pageSize) throws Exception {
        List<String> repositories = new ArrayList<>();
        String next = "/v2/_catalog?n=" + pageSize;
        while (next != null) {
            HttpResponse<String> page = send(request(next).GET(), 200);
            JSON.readTree(page.body()).path("repositories").forEach(name -> repositories.add(name.asText()));
            Matcher link = NEXT.matcher(page.headers().firstValue("Link").orElse(""));
            next = link.find() ? link.group(1) : null;
        }
        return repositories;
    }

    /** The parsed JSON of a body. */
    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    private String startUpload(String repository) throws Exception {
        return location(send(request("/v2/" + repository + "/blobs/uploads/").POST(BodyPublishers.noBody()), 202));
    }

    private String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException(response.request().method() + " " + response.uri()
                        + " answered " + response.statusCode() + " without a Location"));
    }

    private static String withDigest(String location, String digest) {
        return location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
    }

    /** A request to {@code target}: a path, or an absolute or relative {@code Location}, resolved against the base. */
    private HttpRequest.Builder request(String target) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(target));
        authorization.ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int status) throws Exception {
        return send(request.build(), BodyHandlers.ofString(), status);
    }

    private <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler, int status) throws Exception {
        HttpResponse<T> response = http.send(request, handler);
        check(response, status, String.valueOf(response.body()));
        return response;
    }

    private static void check(HttpResponse<?> response, int status, String body) {
        if (response.statusCode() != status) {
            String text = body.length() > 300 ? body.substring(0, 300) + "…" : body;
            throw new IllegalStateException(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ", not " + status + ": " + text);
        }
    }
}
