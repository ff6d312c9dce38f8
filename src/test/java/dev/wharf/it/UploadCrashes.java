package dev.wharf.it;

import dev.wharf.it.CrashHarness.Crash;
import dev.wharf.it.CrashHarness.KillAfter;
import dev.wharf.testsupport.GeneratedBlob;
import dev.wharf.testsupport.TestBlobs;
import dev.wharf.testsupport.WharfProcess;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static dev.wharf.it.CrashHarness.MIB;
import static dev.wharf.it.CrashHarness.OCTET_STREAM;
import static dev.wharf.it.CrashHarness.SEED;
import static dev.wharf.it.CrashHarness.send;
import static dev.wharf.it.CrashHarness.statusUntilKilled;
import static dev.wharf.it.CrashHarness.withDigest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upload rounds of {@link CrashSafetyIT}: Wharf killed in the middle of a 256 MiB monolithic upload (the blob must
 * not exist, a session killed in its first write cancels cleanly) and of a chunked {@code PATCH} (the session keeps a
 * size between what was acknowledged and what was sent, and completes to the right digest with the remaining bytes).
 */
final class UploadCrashes {
    private static final long BIG = 256L * MIB;
    private static final int CHUNKED = 40 * MIB;
    private static final int FIRST_CHUNK = 8 * MIB;

    private final CrashHarness harness;
    private final String bigDigest;

    UploadCrashes(CrashHarness harness) {
        this.harness = harness;
        this.bigDigest = GeneratedBlob.sha256(BIG);
    }

    /** Kills during a 256 MiB {@code POST ?digest=} (or {@code PUT ?digest=} to a session); the blob must not exist. */
    Crash monolithicUpload(int round) throws Exception {
        String repository = "crash/mono";
        long killAt = (16L + harness.random.nextInt(200)) * MIB;
        String url = harness.base() + "/v2/" + repository + "/blobs/uploads/?digest=" + bigDigest;
        String method = "POST";
        String session = null;
        if (round % 8 == 4) {
            session = harness.startUpload(repository);
            url = withDigest(harness.url(session), bigDigest);
            method = "PUT";
        }
        WharfProcess victim = harness.wharf();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", OCTET_STREAM)
                .method(method, BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(
                        () -> new KillAfter(new GeneratedBlob(BIG), killAt, victim)), BIG));
        assertEquals(-1, statusUntilKilled(request), method + " of 256 MiB finished before the kill at " + killAt);
        String killedSession = session;
        return new Crash(method + " killed after " + killAt / MIB + " MiB sent", () -> {
            assertEquals(404, harness.head("/v2/" + repository + "/blobs/" + bigDigest),
                    "an upload killed after " + killAt + " of " + BIG + " bytes left a blob");
            if (killedSession != null) {
                cancelKilledSession(killedSession);
            }
        });
    }

    /**
     * A session killed in its first write holds only a temporary file: it reports 0 bytes, and cancelling it removes
     * its directory with that file.
     */
    private void cancelKilledSession(String location) {
        HttpResponse<byte[]> status = send(HttpRequest.newBuilder(URI.create(harness.url(location))).GET());
        assertEquals(204, status.statusCode(), () -> new String(status.body(), StandardCharsets.UTF_8));
        assertEquals("0-0", status.headers().firstValue("Range").orElseThrow());
        HttpResponse<byte[]> cancel = send(HttpRequest.newBuilder(URI.create(harness.url(location))).DELETE());
        assertEquals(204, cancel.statusCode(), () -> new String(cancel.body(), StandardCharsets.UTF_8));
        String id = URI.create(location).getPath().replaceAll(".*/", "");
        assertFalse(Files.exists(harness.root.resolve("docker/registry/v2/repositories/crash/mono/_uploads/" + id)),
                "the cancelled session's directory (and the temporary file of the killed PUT) is gone");
    }

    /**
     * Kills during a {@code PATCH} with {@code Content-Range} (the first chunk of a session, or the second after an
     * acknowledged first); after the restart, the session reports what it kept and completes with the rest.
     */
    Crash chunkedUpload(int round) throws Exception {
        String repository = "crash/chunked";
        byte[] content = TestBlobs.random(CHUNKED, SEED + round);
        String digest = TestBlobs.sha256(content);
        String location = harness.startUpload(repository);
        boolean killInFirst = round % 8 == 5;
        int from = 0;
        if (!killInFirst) {
            HttpResponse<byte[]> first = send(harness.patchRequest(harness.url(location), content, 0, FIRST_CHUNK, -1));
            assertEquals(202, first.statusCode(), () -> new String(first.body(), StandardCharsets.UTF_8));
            location = first.headers().firstValue("Location").orElseThrow();
            from = FIRST_CHUNK;
        }
        // past the few MiB that socket buffers hold, so that part of the chunk usually reached the disk
        long killAt = from + 12 * MIB + harness.random.nextInt(CHUNKED - from - 14 * MIB);
        assertEquals(-1, statusUntilKilled(
                        harness.patchRequest(harness.url(location), content, from, CHUNKED, killAt - from)),
                "PATCH finished before the kill");
        String lastLocation = location;
        int acknowledged = from;
        return new Crash("PATCH from " + from + " killed after " + killAt + " bytes sent",
                () -> resumeAfterKill(repository, content, digest, lastLocation, acknowledged, killAt));
    }

    private void resumeAfterKill(String repository, byte[] content, String digest, String location, int acknowledged,
                                 long sent) {
        HttpResponse<byte[]> status = send(HttpRequest.newBuilder(URI.create(harness.url(location))).GET());
        assertEquals(204, status.statusCode(), () -> "status of the upload killed mid-PATCH: "
                + new String(status.body(), StandardCharsets.UTF_8));
        String range = status.headers().firstValue("Range").orElseThrow();
        long end = Long.parseLong(range.substring(range.indexOf('-') + 1));
        int size = (int) (end == 0 ? 0 : end + 1);
        assertTrue(size >= acknowledged && size <= sent,
                "upload size " + size + " after the kill: acknowledged " + acknowledged + ", sent " + sent);
        if (acknowledged == 0) {
            assertEquals(0, size, "a first PATCH killed midway is written to a temporary file, never visible");
        }
        String resumed = status.headers().firstValue("Location").orElseThrow();
        if (size < content.length) {
            HttpResponse<byte[]> rest = send(
                    harness.patchRequest(harness.url(resumed), content, size, content.length, -1));
            assertEquals(202, rest.statusCode(), () -> new String(rest.body(), StandardCharsets.UTF_8));
            resumed = rest.headers().firstValue("Location").orElseThrow();
        }
        HttpResponse<byte[]> done = send(HttpRequest.newBuilder(URI.create(withDigest(harness.url(resumed), digest)))
                .header("Content-Type", OCTET_STREAM).PUT(BodyPublishers.noBody()));
        assertEquals(201, done.statusCode(), () -> "completing after the kill (kept " + size + " bytes): "
                + new String(done.body(), StandardCharsets.UTF_8));
        harness.acknowledged.blobs.add(repository + "@" + digest);
        assertEquals(digest, harness.blobDigest(repository, digest));
        System.out.printf("CrashSafetyIT: upload killed mid-PATCH kept %d bytes (acknowledged %d, sent %d)%n",
                size, acknowledged, sent);
    }
}
