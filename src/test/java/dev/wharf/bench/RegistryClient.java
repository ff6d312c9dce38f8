package dev.wharf.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.wharf.bench.HttpConnection.Answer;
import dev.wharf.bench.HttpConnection.Body;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry API calls the benchmark makes, over keep-alive HTTP/1.1 connections ({@link HttpConnection}, one per
 * thread at a time, pooled), each checking its status: a wrong answer ends the scenario with the answer in the
 * message instead of being measured.
 */
final class RegistryClient implements AutoCloseable {
    static final String OCTET_STREAM = "application/octet-stream";
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Optional<String> authorization;
    private final Queue<HttpConnection> idle = new ConcurrentLinkedQueue<>();

    /** {@code authorization}: the {@code Authorization} header sent with every request, if any. */
    RegistryClient(String base, Optional<String> authorization) {
        this.base = URI.create(base);
        this.authorization = authorization;
    }

    /** The server's base URI, e.g. {@code http://127.0.0.1:5000}, without a trailing slash. */
    String base() {
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** The {@code Authorization} header value sent with every request, if any. */
    Optional<String> authorization() {
        return authorization;
    }

    /** Pushes a blob in one {@code PUT} after opening the session ({@code POST}, then {@code PUT ?digest=} with the body). */
    void pushMonolithic(String repository, String digest, Body body) throws Exception {
        String location = startUpload(repository);
        send("PUT", withDigest(location, digest), Map.of("Content-Type", OCTET_STREAM), body, 201);
    }

    /** Pushes a blob in {@code PATCH}es of {@code chunkSize} bytes with {@code Content-Range}, then {@code PUT ?digest=}. */
    void pushChunked(String repository, LargeBlob blob, int chunkSize) throws Exception {
        String location = startUpload(repository);
        for (long offset = 0; offset < blob.size(); offset += chunkSize) {
            int length = (int) Math.min(chunkSize, blob.size() - offset);
            Answer patched = send("PATCH", location, Map.of("Content-Type", OCTET_STREAM,
                    "Content-Range", offset + "-" + (offset + length - 1)), blob.body(offset, length), 202);
            location = location(patched, location);
        }
        send("PUT", withDigest(location, blob.digest()), Map.of(), Body.EMPTY, 201);
    }

    /** {@code POST .../blobs/uploads/?mount=&from=}: links an existing blob, answered 201. */
    void mount(String repository, String digest, String from) throws Exception {
        send("POST", "/v2/" + repository + "/blobs/uploads/?mount=" + digest + "&from=" + from, Map.of(), Body.EMPTY,
                201);
    }

    /** {@code GET} a blob, reading and discarding its bytes; returns how many there were. */
    long getBlob(String repository, String digest) throws Exception {
        return exchange("GET", "/v2/" + repository + "/blobs/" + digest, Map.of(), Body.EMPTY, 200, true).length();
    }

    void headBlob(String repository, String digest) throws Exception {
        send("HEAD", "/v2/" + repository + "/blobs/" + digest, Map.of(), Body.EMPTY, 200);
    }

    void putManifest(String repository, String reference, String mediaType, byte[] manifest) throws Exception {
        send("PUT", "/v2/" + repository + "/manifests/" + reference, Map.of("Content-Type", mediaType),
                Body.of(manifest), 201);
    }

    String getManifest(String repository, String reference, String accept) throws Exception {
        return send("GET", "/v2/" + repository + "/manifests/" + reference, Map.of("Accept", accept), Body.EMPTY, 200)
                .text();
    }

    String listTags(String repository) throws Exception {
        return send("GET", "/v2/" + repository + "/tags/list", Map.of(), Body.EMPTY, 200).text();
    }

    /** Walks {@code /v2/_catalog} page by page ({@code n=pageSize}, following {@code Link}), returning every name. */
    List<String> walkCatalog(int pageSize) throws Exception {
        List<String> repositories = new ArrayList<>();
        String next = "/v2/_catalog?n=" + pageSize;
        while (next != null) {
            Answer page = send("GET", next, Map.of(), Body.EMPTY, 200);
            JSON.readTree(page.body()).path("repositories").forEach(name -> repositories.add(name.asText()));
            String link = page.header("Link");
            Matcher matcher = NEXT.matcher(link == null ? "" : link);
            next = matcher.find() ? matcher.group(1) : null;
        }
        return repositories;
    }

    /** The parsed JSON of a body. */
    static JsonNode json(String body) throws IOException {
        return JSON.readTree(body);
    }

    @Override
    public void close() {
        for (HttpConnection connection = idle.poll(); connection != null; connection = idle.poll()) {
            connection.close();
        }
    }

    private String startUpload(String repository) throws Exception {
        String target = "/v2/" + repository + "/blobs/uploads/";
        return location(send("POST", target, Map.of(), Body.EMPTY, 202), target);
    }

    private static String location(Answer answer, String target) {
        String location = answer.header("Location");
        if (location == null) {
            throw new IllegalStateException(target + " answered " + answer.status() + " without a Location");
        }
        return location;
    }

    private static String withDigest(String location, String digest) {
        return location + (location.contains("?") ? "&" : "?") + "digest=" + digest;
    }

    private Answer send(String method, String target, Map<String, String> headers, Body body, int status)
            throws IOException {
        return exchange(method, target, headers, body, status, false);
    }

    /**
     * One request on an idle connection (or a new one): {@code target} is a path, or an absolute or relative
     * {@code Location}, resolved against the base and sent as its path and query.
     */
    private Answer exchange(String method, String target, Map<String, String> headers, Body body, int status,
                            boolean discardBody) throws IOException {
        URI uri = base.resolve(target);
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Map<String, String> all = headers;
        if (authorization.isPresent()) {
            all = new HashMap<>(headers);
            all.put("Authorization", authorization.get());
        }
        HttpConnection connection = idle.poll();
        if (connection == null) {
            connection = new HttpConnection(base);
        }
        Answer answer = connection.exchange(method, path, all, body, discardBody);
        idle.add(connection);
        if (answer.status() != status) {
            String text = answer.text();
            text = text.length() > 300 ? text.substring(0, 300) + "…" : text;
            throw new IllegalStateException(method + " " + uri + " answered " + answer.status() + ", not " + status
                    + ": " + text);
        }
        return answer;
    }
}
