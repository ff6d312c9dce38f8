package dev.wharf.testsupport;

import dev.wharf.error.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.wharf.testsupport.BadRequest.clientError;
import static dev.wharf.testsupport.BadRequest.clientErrorOrClose;
import static dev.wharf.testsupport.BadRequest.code;
import static dev.wharf.testsupport.BadRequests.bytes;
import static dev.wharf.testsupport.BadRequests.manifestPut;
import static dev.wharf.testsupport.RawHttp.request;

/**
 * Manifest bodies that are not manifests (MANIFEST_INVALID, or 413 SIZE_INVALID over 4 MiB), and the requests whose
 * framing Vert.x's HTTP decoder refuses before the application sees them (4xx, without the spec's body).
 */
public final class ManifestBodies {
    /** A manifest of the right shape whose blobs no repository holds: for requests refused before the body is read. */
    static final byte[] VALID_SHAPE = bytes(manifest("\"" + Manifests.OCI_CONFIG + "\"", "\"sha256:" + "0".repeat(64) + "\"", "2"));
    private static final int FOUR_MIB = 4 * 1024 * 1024;

    private ManifestBodies() {
    }

    private static String manifest(String configType, String configDigest, String configSize) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + Manifests.OCI_MANIFEST + "\",\"config\":{\"mediaType\":"
                + configType + ",\"digest\":" + configDigest + ",\"size\":" + configSize + "},\"layers\":[]}";
    }

    /** Invalid JSON manifests put under a tag of the fixture's repository, whose blob the descriptors name. */
    public static Stream<BadRequest> invalid(BadRequests.Fixture f) {
        String blob = "\"" + f.blob() + "\"";
        String head = "{\"schemaVersion\":2,\"mediaType\":\"" + Manifests.OCI_MANIFEST + "\",";
        String config = "\"config\":{\"mediaType\":\"" + Manifests.OCI_CONFIG + "\",\"digest\":" + blob + ",\"size\":100}";
        List<String> bodies = new ArrayList<>(List.of(
                "", "hello", "{", "[]", "null", "\"manifest\"", "2", "{}", "{\"schemaVersion\":2}",
                head.substring(0, head.length() - 1), head + config.substring(0, 40),
                "{\"schemaVersion\":1,\"name\":\"x\"}", "{\"schemaVersion\":\"2\"}", "{\"schemaVersion\":2.0}",
                "{\"schemaVersion\":3}", "{\"schemaVersion\":99999999999999999999999}",
                head + "\"config\":\"x\",\"layers\":[]}", head + "\"config\":[],\"layers\":[]}",
                head + config + ",\"layers\":{}}", head + config + ",\"layers\":[\"x\"]}",
                head + config + ",\"layers\":[null]}", head + config + ",\"layers\":[[]]}",
                head + config + ",\"layers\":[]}garbage", head + config + ",\"layers\":[]}{}",
                manifest("\"" + Manifests.OCI_CONFIG + "\"", "\"sha256:abc\"", "100"),
                manifest("\"" + Manifests.OCI_CONFIG + "\"", "\"../../../canary/x\"", "100"),
                manifest("\"" + Manifests.OCI_CONFIG + "\"", "42", "100"),
                manifest("\"" + Manifests.OCI_CONFIG + "\"", "null", "100"),
                manifest("\"" + Manifests.OCI_CONFIG + "\"", blob, "-1"),
                manifest("\"" + Manifests.OCI_CONFIG + "\"", blob, "\"100\""),
                manifest("\"" + Manifests.OCI_CONFIG + "\"", blob, "1.5"),
                manifest("\"" + Manifests.OCI_CONFIG + "\"", blob, "1e400"),
                manifest("\"" + Manifests.OCI_CONFIG + "\"", blob, "99999999999999999999999"),
                manifest("7", blob, "100"),
                "{\"schemaVersion\":2,\"mediaType\":7}",
                "{\"schemaVersion\":2,\"mediaType\":\"text/plain\",\"config\":{}}",
                (head + "\"manifests\":{}}").replace(Manifests.OCI_MANIFEST, Manifests.OCI_INDEX),
                head + config + ",\"layers\":[],\"annotations\":[]}",
                head + config + ",\"layers\":[],\"annotations\":{\"a\":1}}",
                head + config + ",\"layers\":[],\"subject\":\"x\"}",
                head + config + ",\"layers\":[],\"subject\":{\"mediaType\":\"a/b\",\"digest\":\"sha256:0\",\"size\":1}}",
                (head + "\"manifests\":[{\"mediaType\":\"" + Manifests.OCI_MANIFEST + "\",\"digest\":\"sha256:0\",\"size\":1}]}")
                        .replace(Manifests.OCI_MANIFEST + "\",\"manifests", Manifests.OCI_INDEX + "\",\"manifests"),
                "[".repeat(100_000) + "]".repeat(100_000),
                head + config + ",\"layers\":[],\"x\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}",
                head + config + ",\"layers\":[],\"x\":" + "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000) + "}"));
        List<BadRequest> out = new ArrayList<>();
        int i = 0;
        for (String body : bodies) {
            out.add(code(ErrorCode.MANIFEST_INVALID, manifestPut(f.repo(), "invalid-" + i++, bytes(body))));
        }
        byte[] notUtf8 = (head + config + ",\"layers\":[],\"annotations\":{\"a\":\"\u00ff\"}}")
                .getBytes(StandardCharsets.ISO_8859_1);
        out.add(code(ErrorCode.MANIFEST_INVALID, manifestPut(f.repo(), "latin1", notUtf8)));
        byte[] whole = bytes(head + config + ",\"layers\":[]}");
        out.add(code(ErrorCode.MANIFEST_INVALID, manifestPut(f.repo(), "short-length", whole)
                .contentLength(String.valueOf(whole.length - 5))));
        out.add(clientErrorOrClose(manifestPut(f.repo(), "long-length", whole)
                .contentLength(String.valueOf(whole.length + 100)).halfClose()));
        byte[] huge = new byte[FOUR_MIB + 1];
        Arrays.fill(huge, (byte) ' ');
        out.add(code(ErrorCode.MANIFEST_TOO_LARGE, manifestPut(f.repo(), "huge", huge)));
        out.add(code(ErrorCode.MANIFEST_TOO_LARGE, manifestPut(f.repo(), "huge-chunked", chunked(huge))
                .header("Transfer-Encoding", "chunked")));
        out.add(code(ErrorCode.MANIFEST_TOO_LARGE, manifestPut(f.repo(), "huge-claimed", whole)
                .contentLength("99999999999")));
        return out.stream();
    }

    /**
     * Requests whose framing Vert.x refuses before any route runs (README, "Bad input"): an escape that is not one,
     * a 64 KiB header, 1000 headers, a 100 KiB request line, a Content-Length that is not a number or given twice, a
     * NUL in a header, a space in the target, no {@code Host}, a target that is not a path; and what Vert.x does with
     * both Content-Length and chunked, or a chunk size that is not hex.
     */
    public static Stream<BadRequest> framing(BadRequests.Fixture f) {
        String tags = "/v2/" + f.repo() + "/tags/list";
        List<BadRequest> out = new ArrayList<>();
        out.add(clientError(request("GET", "/v2/a%ZZ/tags/list")));
        out.add(clientError(request("GET", "/v2/" + f.repo() + "/manifests/a%")));
        for (String query : List.of("n=%ZZ", "last=%", "%G0=1", "_state=%", "digest=%ZZ", "mount=%ZZ&from=a")) {
            out.add(clientError(request("GET", tags + "?" + query)));
        }
        out.add(clientError(request("GET", tags).header("X-Big", "a".repeat(64 * 1024))));
        RawHttp many = request("GET", tags);
        for (int i = 0; i < 1000; i++) {
            many.header("X-Header-" + i, "value-of-header-number-" + i);
        }
        out.add(clientError(many));
        out.add(clientError(request("GET", tags + "?x=" + "a".repeat(100 * 1024))));
        out.add(clientError(request("PATCH", f.upload().get()).body(bytes("12345")).contentLength("abc")));
        out.add(clientError(request("PATCH", f.upload().get()).body(bytes("12345")).contentLength("-5")));
        out.add(clientError(request("PATCH", f.upload().get()).body(bytes("12345")).contentLength("5, 6")));
        out.add(clientError(request("GET", "/v2/" + f.repo() + "/blobs/uploads/" + BadRequests.UUID + "?_state="
                + "A".repeat(5000))));
        out.add(clientError(request("PATCH", f.upload().get()).body(bytes("12345")).header("Content-Length", "5")
                .header("Content-Length", "6")));
        // Netty drops a Content-Length sent with chunked and frames by the chunks (RFC 9112 §6.1 allows it): the
        // application never learns of the conflict (README, "Bad input")
        out.add(BadRequest.not5xx(request("PATCH", f.upload().get()).header("Transfer-Encoding", "chunked")
                .body(chunked(bytes("12345"))).contentLength("7")));
        // a chunk size that is not hex: Vert.x closes the connection mid-body (README, "Bad input")
        out.add(clientErrorOrClose(request("PATCH", f.upload().get()).header("Transfer-Encoding", "chunked")
                .body(bytes("zz\r\n12345\r\n0\r\n\r\n"))));
        out.add(clientError(request("GET", tags).header("If-None-Match", "\u0000")));
        out.add(clientError(request("GET", "/v2/ " + f.repo() + "/tags/list")));
        out.add(code(ErrorCode.NAME_INVALID, request("GET", "/v2/\u00e9/tags/list")));
        out.add(clientError(RawHttp.bare("GET", "/v2/" + f.repo() + "/tags/list").header("Connection", "close")));
        out.add(clientError(request("GET", "v2/" + f.repo() + "/tags/list")));
        out.add(clientError(request("GET", "*")));
        out.add(code(ErrorCode.NAME_INVALID, request("GET", "http://localhost/v2/a%2F..%2Fb/tags/list")));
        return out.stream();
    }

    /** The body in one chunk of chunked transfer coding. */
    static byte[] chunked(byte[] body) {
        byte[] head = bytes(Integer.toHexString(body.length) + "\r\n");
        byte[] tail = bytes("\r\n0\r\n\r\n");
        byte[] out = Arrays.copyOf(head, head.length + body.length + tail.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        System.arraycopy(tail, 0, out, head.length + body.length, tail.length);
        return out;
    }
}
