package dev.wharf.testsupport;

import dev.wharf.error.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.wharf.testsupport.BadRequest.code;
import static dev.wharf.testsupport.BadRequest.not5xx;
import static dev.wharf.testsupport.BadRequest.specError;
import static dev.wharf.testsupport.RawHttp.request;

/**
 * Tables of malformed requests (names × endpoints, traversal per endpoint family, digests, tags, ranges,
 * pagination, upload states and ids), generated over a {@link Fixture}. Targets are written as they go on the wire.
 */
public final class BadRequests {
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String UUID = "0d2b6e2a-1f2c-4c1b-9e9a-6a3b2c1d0e0f";
    private static final String HEX = "a".repeat(64);

    /**
     * What the requests need from the running registry: a valid repository holding {@code blob} (a digest), and
     * fresh upload sessions ({@code path?_state=…} of a session's {@code Location}).
     */
    public record Fixture(String repo, String blob, Supplier<String> upload) {
        /** The session's path and another session's state: signed, but for another upload. */
        String foreignState() {
            String mine = upload.get();
            String other = upload.get();
            return mine.substring(0, mine.indexOf('?')) + other.substring(other.indexOf('?'));
        }
    }

    /** Repository names the grammar refuses, as path text; each is NAME_INVALID on every endpoint. */
    public static final List<String> INVALID_NAMES = List.of(
            "a%2F..%2F..%2Fx", "a%2f..%2f..%2fcanary", "..%2F..%2F..%2Fcanary", "%2E%2E%2F%2E%2E%2Fcanary",
            "a%5C..%5C..%5Cx", "A", "Upper/case", "a/B", "r".repeat(256), "r".repeat(128) + "/" + "o".repeat(127),
            "_a", "a/_b", "a/__b", "-a", "a-", "a..b", "a/.x", "a.", "a%00b", "a%20b", "%C3%A9", "a%C3%A9",
            "a%0Ab", "a:b", "a%3Bb", "a%2A");

    /** Every endpoint that takes a name, as request makers over the name's path text. */
    public static Stream<BadRequest> namesOnEveryEndpoint(Fixture f) {
        List<BadRequest> out = new ArrayList<>();
        for (String name : INVALID_NAMES) {
            for (Function<String, RawHttp> endpoint : nameEndpoints(f)) {
                out.add(code(ErrorCode.NAME_INVALID, endpoint.apply(name)));
            }
            out.add(code(ErrorCode.NAME_INVALID,
                    request("POST", "/v2/" + f.repo() + "/blobs/uploads/?mount=" + f.blob() + "&from=" + name)));
        }
        return out.stream();
    }

    private static List<Function<String, RawHttp>> nameEndpoints(Fixture f) {
        String blob = f.blob();
        return List.of(
                n -> request("GET", "/v2/" + n + "/blobs/" + blob),
                n -> request("HEAD", "/v2/" + n + "/blobs/" + blob),
                n -> request("DELETE", "/v2/" + n + "/blobs/" + blob),
                n -> request("POST", "/v2/" + n + "/blobs/uploads/"),
                n -> request("POST", "/v2/" + n + "/blobs/uploads/?digest=" + blob).body(bytes("x")),
                n -> request("POST", "/v2/" + n + "/blobs/uploads/?mount=" + blob + "&from=" + f.repo()),
                n -> request("GET", "/v2/" + n + "/blobs/uploads/" + UUID + "?_state=x"),
                n -> request("PATCH", "/v2/" + n + "/blobs/uploads/" + UUID).body(bytes("chunk")),
                n -> request("PUT", "/v2/" + n + "/blobs/uploads/" + UUID + "?digest=" + blob).body(bytes("x")),
                n -> request("DELETE", "/v2/" + n + "/blobs/uploads/" + UUID),
                n -> request("GET", "/v2/" + n + "/manifests/latest"),
                n -> request("HEAD", "/v2/" + n + "/manifests/latest"),
                n -> manifestPut(n, "latest", ManifestBodies.VALID_SHAPE),
                n -> request("DELETE", "/v2/" + n + "/manifests/" + blob),
                n -> request("GET", "/v2/" + n + "/tags/list"),
                n -> request("GET", "/v2/" + n + "/referrers/" + blob));
    }

    /**
     * Path traversal in every endpoint family: encoded slashes and dot segments in names, digests, references,
     * upload ids and query parameters. Where the request ends up depends on normalisation, so any spec error will do;
     * what matters is the status and that nothing outside the root is touched (checked after the run).
     */
    public static Stream<BadRequest> traversal(Fixture f) {
        String r = f.repo();
        List<String> escapes = List.of("..%2F..%2F..%2Fcanary%2Fx", "%2E%2E%2F%2E%2E%2Fx", "..%5C..%5Cx", "%2E%2E",
                "..%252F..%252Fx", "%252E%252E");
        List<BadRequest> out = new ArrayList<>();
        for (String e : escapes) {
            out.add(specError(request("GET", "/v2/" + r + "/blobs/" + e)));
            out.add(specError(request("DELETE", "/v2/" + r + "/blobs/sha256:" + e)));
            out.add(specError(request("GET", "/v2/" + r + "/blobs/uploads/" + e + "?_state=x")));
            out.add(specError(request("PATCH", "/v2/" + r + "/blobs/uploads/" + e).body(bytes("chunk"))));
            out.add(specError(request("PUT", "/v2/" + r + "/blobs/uploads/" + e + "?digest=" + f.blob())));
            out.add(specError(request("DELETE", "/v2/" + r + "/blobs/uploads/" + e)));
            out.add(specError(request("GET", "/v2/" + r + "/manifests/" + e)));
            out.add(specError(manifestPut(r, e, ManifestBodies.VALID_SHAPE)));
            out.add(specError(manifestPut(r, "sha256:" + e, ManifestBodies.VALID_SHAPE)));
            out.add(specError(request("DELETE", "/v2/" + r + "/manifests/" + e)));
            out.add(specError(request("GET", "/v2/" + r + "/referrers/" + e)));
            out.add(specError(request("GET", "/v2/" + r + "/referrers/sha256:" + e)));
            out.add(specError(request("POST", "/v2/" + r + "/blobs/uploads/?digest=sha256:" + e).body(bytes("x"))));
            out.add(specError(request("POST", "/v2/" + r + "/blobs/uploads/?mount=sha256:" + e + "&from=" + r)));
            out.add(not5xx(request("GET", "/v2/" + r + "/tags/list?last=" + e)));
            out.add(not5xx(request("GET", "/v2/_catalog?last=" + e)));
        }
        for (String from : List.of("../../x", "..%2F..%2Fcanary", "/etc", "%2Fetc", "a/../../x", "%2E%2E")) {
            out.add(code(ErrorCode.NAME_INVALID,
                    request("POST", "/v2/" + r + "/blobs/uploads/?mount=" + f.blob() + "&from=" + from)));
        }
        // an empty from is no from (as distribution reads it): the blob is mounted from wherever it is stored
        out.add(not5xx(request("POST", "/v2/" + r + "/blobs/uploads/?mount=" + f.blob() + "&from=")));
        // an upload path whose id is a traversal, with the valid state of a real session
        String location = f.upload().get();
        String query = location.substring(location.indexOf('?'));
        out.add(code(ErrorCode.BLOB_UPLOAD_UNKNOWN, request("GET", "/v2/" + r + "/blobs/uploads/..%2F..%2Fx" + query)));
        return out.stream();
    }

    /** Malformed digests on every endpoint that takes one: DIGEST_INVALID. */
    public static Stream<BadRequest> digests(Fixture f) {
        String r = f.repo();
        List<String> digests = List.of("sha256:abc", "sha256:" + HEX.substring(1), "sha256:" + HEX + "a",
                "sha256:" + HEX.toUpperCase(), "sha256:" + "g".repeat(64), "md5:d41d8cd98f00b204e9800998ecf8427e",
                "sha256:", ":" + HEX, "sha512:" + HEX, "sha256:%00" + HEX.substring(1), "sha256:" + HEX + "%0A",
                "sha256:%20" + HEX, "SHA256:" + HEX, "sha256:sha256:" + HEX, "sha256%3A%3A" + HEX);
        List<BadRequest> out = new ArrayList<>();
        for (String d : digests) {
            out.add(code(ErrorCode.DIGEST_INVALID, request("GET", "/v2/" + r + "/blobs/" + d)));
            out.add(code(ErrorCode.DIGEST_INVALID, request("HEAD", "/v2/" + r + "/blobs/" + d)));
            out.add(code(ErrorCode.DIGEST_INVALID, request("DELETE", "/v2/" + r + "/blobs/" + d)));
            out.add(code(ErrorCode.DIGEST_INVALID, request("GET", "/v2/" + r + "/manifests/" + d)));
            out.add(code(ErrorCode.DIGEST_INVALID, request("DELETE", "/v2/" + r + "/manifests/" + d)));
            out.add(code(ErrorCode.DIGEST_INVALID, manifestPut(r, d, ManifestBodies.VALID_SHAPE)));
            out.add(code(ErrorCode.DIGEST_INVALID, request("GET", "/v2/" + r + "/referrers/" + d)));
            out.add(code(ErrorCode.DIGEST_INVALID,
                    request("POST", "/v2/" + r + "/blobs/uploads/?digest=" + d).body(bytes("x"))));
            out.add(code(ErrorCode.DIGEST_INVALID,
                    request("POST", "/v2/" + r + "/blobs/uploads/?mount=" + d + "&from=" + r)));
            out.add(code(ErrorCode.DIGEST_INVALID, request("PUT", f.upload().get() + "&digest=" + d)));
        }
        out.add(code(ErrorCode.DIGEST_INVALID, request("PUT", f.upload().get())));
        out.add(code(ErrorCode.DIGEST_INVALID, request("PUT", f.upload().get() + "&digest=")));
        // an empty digest or mount is none, as distribution reads them: a session starts
        out.add(not5xx(request("POST", "/v2/" + r + "/blobs/uploads/?digest=").body(bytes("x"))));
        out.add(not5xx(request("POST", "/v2/" + r + "/blobs/uploads/?mount=&from=" + r)));
        return out.stream();
    }

    /** Tags outside {@code [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}}: TAG_INVALID on PUT, GET, HEAD and DELETE. */
    public static Stream<BadRequest> tags(Fixture f) {
        List<String> tags = List.of("-a", ".a", "a".repeat(129), "a%20b", "a%00", "t%C3%A9", "a%2Bb", "a~b",
                "a!b", "a%0D%0AX-Injected", "%2E.x", "a%25", "a@b", "a=b", "a,b");
        List<BadRequest> out = new ArrayList<>();
        for (String tag : tags) {
            out.add(code(ErrorCode.TAG_INVALID, manifestPut(f.repo(), tag, ManifestBodies.VALID_SHAPE)));
            out.add(code(ErrorCode.TAG_INVALID, request("GET", "/v2/" + f.repo() + "/manifests/" + tag)));
            out.add(code(ErrorCode.TAG_INVALID, request("HEAD", "/v2/" + f.repo() + "/manifests/" + tag)));
            out.add(code(ErrorCode.TAG_INVALID, request("DELETE", "/v2/" + f.repo() + "/manifests/" + tag)));
        }
        for (String ambiguous : List.of("a%2Fb", "%2E%2E", "..", ".", "a/b")) {
            out.add(specError(manifestPut(f.repo(), ambiguous, ManifestBodies.VALID_SHAPE)));
        }
        return out.stream();
    }

    /**
     * Malformed ranges: {@code Content-Range} on PATCH (and on the closing PUT), {@code Range} on blob GET:
     * RANGE_INVALID (416). A {@code Content-Length} that disagrees with the {@code Content-Range} is SIZE_INVALID.
     */
    public static Stream<BadRequest> ranges(Fixture f) {
        List<BadRequest> out = new ArrayList<>();
        for (String range : List.of("abc", "5-2", "0-", "-4", "0--4", "0-4-", "0-99999999999999999999",
                "bytes=abc", "0-4/abc", "0-4/-1", "1-5", "0x0-0x4", "0 - 4", "４-８")) {
            out.add(code(ErrorCode.RANGE_INVALID, request("PATCH", f.upload().get())
                    .header("Content-Range", range).body(bytes("12345"))));
        }
        out.add(code(ErrorCode.RANGE_INVALID, request("PUT", f.upload().get() + "&digest=" + f.blob())
                .header("Content-Range", "9-2").body(bytes("12345"))));
        for (String range : List.of("bytes=abc", "bytes=5-2", "bytes=-", "bytes=1-2-3", "bytes=,", "bytes=--1",
                "bytes=99999999-", "bytes=0x10-", "bytes=0-1,abc", "bytes= -0", "bytes=-0")) {
            out.add(code(ErrorCode.RANGE_INVALID, request("GET", "/v2/" + f.repo() + "/blobs/" + f.blob())
                    .header("Range", range)));
        }
        out.add(code(ErrorCode.SIZE_INVALID, request("PATCH", f.upload().get())
                .header("Content-Range", "0-9").body(bytes("12345"))));
        out.add(code(ErrorCode.SIZE_INVALID, request("PUT", f.upload().get() + "&digest=" + f.blob())
                .header("Content-Range", "0-9").body(bytes("12345"))));
        return out.stream();
    }

    /** {@code n} that is not a number of results: PAGINATION_NUMBER_INVALID on tags and catalog. */
    public static Stream<BadRequest> pagination(Fixture f) {
        List<BadRequest> out = new ArrayList<>();
        for (String n : List.of("abc", "-1", "99999999999999999999", "1.5", "%00", "1e3", "0x10", "%2B", "+-1",
                "1%20", "1000001")) {
            out.add(code(ErrorCode.PAGINATION_NUMBER_INVALID, request("GET", "/v2/" + f.repo() + "/tags/list?n=" + n)));
            out.add(code(ErrorCode.PAGINATION_NUMBER_INVALID, request("GET", "/v2/_catalog?n=" + n)));
        }
        return out.stream();
    }

    /**
     * Upload sessions presented with a garbage {@code _state} (BLOB_UPLOAD_INVALID) or an id that is not one
     * (BLOB_UPLOAD_UNKNOWN), on every upload method.
     */
    public static Stream<BadRequest> uploads(Fixture f) {
        byte[] mac = new byte[48];
        List<String> states = List.of("garbage", "", "%00", "A".repeat(3900), "!!!", "%FF%FE",
                Base64.getUrlEncoder().encodeToString(mac), "eyJOYW1lIjoiLi4vLi4veCJ9", "_state");
        List<BadRequest> out = new ArrayList<>();
        for (String state : states) {
            for (String method : List.of("GET", "PATCH", "PUT", "DELETE")) {
                String location = f.upload().get();
                String path = location.substring(0, location.indexOf('?')) + "?_state=" + state
                        + ("PUT".equals(method) ? "&digest=" + f.blob() : "");
                out.add(code(ErrorCode.BLOB_UPLOAD_INVALID, request(method, path).body(bytes("chunk"))));
            }
        }
        for (String method : List.of("GET", "PATCH", "PUT", "DELETE")) {
            out.add(code(ErrorCode.BLOB_UPLOAD_INVALID, request(method, f.foreignState()).body(bytes("chunk"))));
        }
        String query = "?_state=" + f.upload().get().split("_state=", 2)[1];
        for (String id : List.of("not-a-uuid", UUID.toUpperCase(), UUID + "%00", UUID + "0", "%20" + UUID)) {
            out.add(code(ErrorCode.BLOB_UPLOAD_UNKNOWN, request("GET", "/v2/" + f.repo() + "/blobs/uploads/" + id + query)));
            out.add(code(ErrorCode.BLOB_UPLOAD_UNKNOWN, request("PATCH", "/v2/" + f.repo() + "/blobs/uploads/" + id + query)
                    .body(bytes("chunk"))));
        }
        return out.stream();
    }

    static RawHttp manifestPut(String name, String reference, byte[] body) {
        return request("PUT", "/v2/" + name + "/manifests/" + reference).header("Content-Type", OCI_MANIFEST).body(body);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private BadRequests() {
    }
}
