package dev.wharf.testsupport;

import dev.wharf.error.ErrorCode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.wharf.testsupport.BadRequest.code;
import static dev.wharf.testsupport.BadRequest.not5xx;
import static dev.wharf.testsupport.BadRequest.specError;
import static dev.wharf.testsupport.BadRequests.bytes;
import static dev.wharf.testsupport.BadRequests.manifestPut;
import static dev.wharf.testsupport.RawHttp.request;

/**
 * Odd header values and methods that Vert.x lets through: on requests that fail anyway they must not turn the
 * spec's 4xx into something else, and on requests that succeed (forwarding headers building a Location) they must
 * not turn into a 5xx.
 */
public final class HeaderRequests {
    private static final List<String> MEDIA_TYPES = List.of("/", "a", "a/b/c", ";", "a/b;c", "a/b; c=\"", "*/x",
            "application/json; charset=nope", "\u00e9/\u00e9", "application/vnd.oci.image.manifest.v1+json;;;");

    private HeaderRequests() {
    }

    public static Stream<BadRequest> headers(BadRequests.Fixture f) {
        String r = f.repo();
        String unknownManifest = "/v2/" + r + "/manifests/no-such-tag";
        List<BadRequest> out = new ArrayList<>();
        for (String type : MEDIA_TYPES) {
            out.add(specError(request("GET", unknownManifest).header("Accept", type)));
            out.add(specError(request("GET", "/v2/" + r + "/blobs/sha256:" + "0".repeat(64)).header("Accept", type)));
            out.add(specError(request("PUT", unknownManifest).header("Content-Type", type).body(bytes("{}"))));
            out.add(specError(request("PATCH", "/v2/" + r + "/blobs/uploads/" + BadRequests.UUID)
                    .header("Content-Type", type).body(bytes("x"))));
            out.add(specError(request("GET", "/v2/" + r + "/tags/list?n=x").header("Accept", type)));
        }
        for (String etag : List.of("", ",", "W/", "\"", "*, W/\"x", "\u00e9")) {
            out.add(specError(request("GET", unknownManifest).header("If-None-Match", etag)));
        }
        for (String[] header : List.of(new String[] {"Host", "a b"}, new String[] {"Host", "[::1"},
                new String[] {"Host", "x:99999999999"}, new String[] {"X-Forwarded-Host", "\"><script>"},
                new String[] {"X-Forwarded-Proto", "javascript"}, new String[] {"Forwarded", "host=\";proto=\""},
                new String[] {"Forwarded", ";;;===,,,"}, new String[] {"X-Forwarded-Host", "a/../../b"})) {
            out.add(not5xx(request("POST", "/v2/" + r + "/blobs/uploads/").header(header[0], header[1])));
            out.add(specError(request("GET", "/v2/" + r + "/blobs/uploads/" + BadRequests.UUID)
                    .header(header[0], header[1])));
        }
        for (String method : List.of("BREW", "TRACE", "get", "PROPFIND")) {
            out.add(specError(request(method, "/v2/" + r + "/tags/list")));
            out.add(specError(request(method, "/v2/" + r + "/blobs/uploads/")));
        }
        for (String query : List.of("n=1&n=abc", "&&&", "n", "x=%2F%2E%2E")) {
            out.add(code(ErrorCode.PAGINATION_NUMBER_INVALID, request("GET", "/v2/" + r + "/tags/list?n=x&" + query)));
        }
        // a raw ';' would otherwise start JAX-RS matrix parameters: /v2/r;a=b/manifests/x would be r:x
        out.add(code(ErrorCode.NOT_FOUND, manifestPut(r, "latest;a=b", ManifestBodies.VALID_SHAPE)));
        out.add(code(ErrorCode.NOT_FOUND, manifestPut(r + ";a=b", "x", ManifestBodies.VALID_SHAPE)));
        out.add(code(ErrorCode.NOT_FOUND, request("GET", "/v2/" + r + ";/blobs/" + f.blob() + ";x")));
        out.add(code(ErrorCode.NOT_FOUND, request("HEAD", "/v2/" + r + "/manifests/x;")));
        out.add(code(ErrorCode.NOT_FOUND, request("GET", "/v2/" + r + "/tags/list;x")));
        out.add(code(ErrorCode.NOT_FOUND, request("DELETE", f.upload().get().replace("?", ";x?"))));
        out.add(not5xx(request("PATCH", f.upload().get()).header("Content-Range", "0-4")
                .header("Content-Range", "0-4").body(bytes("12345"))));
        out.add(not5xx(request("GET", "/v2/" + r + "/blobs/" + f.blob()).header("Range", "bytes=0-1")
                .header("Range", "bytes=abc")));
        return out.stream();
    }
}
