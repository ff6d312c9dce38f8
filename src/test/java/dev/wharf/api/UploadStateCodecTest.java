package dev.wharf.api;

import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.model.RepositoryName;
import dev.wharf.store.UploadId;
import dev.wharf.store.UploadState;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code _state} token: distribution's {@code hmac.go} format, signed and checked. */
class UploadStateCodecTest {
    private static final RepositoryName NAME = RepositoryName.parse("team/app");
    private static final UploadId ID = new UploadId("0d2b6e2a-1f2c-4c1b-9e9a-6a3b2c1d0e0f");
    private final UploadStateCodec codec = new UploadStateCodec(Optional.of("s3cr3t"));

    private static void assertInvalid(Runnable unpack) {
        RegistryException e = assertThrows(RegistryException.class, unpack::run);
        assertEquals(ErrorCode.BLOB_UPLOAD_INVALID, e.errorCode());
    }

    /** A token as distribution's {@code packUploadState} makes it: padded base64url of mac || json. */
    private static String distributionToken(String secret, String json) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] message = json.getBytes(StandardCharsets.UTF_8);
        byte[] sum = mac.doFinal(message);
        byte[] token = Arrays.copyOf(sum, sum.length + message.length);
        System.arraycopy(message, 0, token, sum.length, message.length);
        return Base64.getUrlEncoder().encodeToString(token);
    }

    @Test
    void roundTripInDistributionsJsonWithoutPaddingOrEscaping() {
        for (long offset : new long[]{0, 7, 1000, 10_000, 123_456_789_012L}) {
            UploadState state = new UploadState(NAME, ID, offset, Instant.parse("2026-11-25T18:15:45Z"));
            String token = codec.pack(state);
            assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
            assertEquals(state, codec.unpack(token, NAME, ID));
            String json = new String(Base64.getUrlDecoder().decode(token), 32, token.length() * 3 / 4 - 32,
                    StandardCharsets.US_ASCII);
            assertEquals("{\"Name\":\"team/app\",\"UUID\":\"" + ID + "\",\"Offset\":" + offset
                    + ",\"StartedAt\":\"2026-11-25T18:15:45Z\"}", json.strip());
        }
    }

    @Test
    void readsTokensWrittenByDistribution() throws Exception {
        // Go's time.Time marshals as RFC 3339 with nanoseconds and the local offset; base64 padded with '='.
        String json = "{\"Name\":\"team/app\",\"UUID\":\"" + ID
                + "\",\"Offset\":1500,\"StartedAt\":\"2026-11-25T19:15:45.123456789+01:00\"}";
        String token = distributionToken("s3cr3t", json);
        UploadState state = codec.unpack(token, NAME, ID);
        assertEquals(1500, state.offset());
        assertEquals(Instant.parse("2026-11-25T18:15:45.123456789Z"), state.startedAt());
        assertInvalid(() -> new UploadStateCodec(Optional.of("other")).unpack(token, NAME, ID));
    }

    @Test
    void refusesForeignTamperedMalformedAndMismatchedStates() throws Exception {
        UploadState state = new UploadState(NAME, ID, 10, Instant.parse("2026-11-25T18:15:45Z"));
        String token = codec.pack(state);
        assertInvalid(() -> new UploadStateCodec(Optional.of("another")).unpack(token, NAME, ID));
        assertInvalid(() -> new UploadStateCodec(Optional.empty()).unpack(token, NAME, ID));
        for (int i = 0; i < token.length(); i += 7) {
            char c = token.charAt(i);
            String tampered = token.substring(0, i) + (c == 'A' ? 'B' : 'A') + token.substring(i + 1);
            assertInvalid(() -> codec.unpack(tampered, NAME, ID));
        }
        assertInvalid(() -> codec.unpack(null, NAME, ID));
        assertInvalid(() -> codec.unpack("", NAME, ID));
        assertInvalid(() -> codec.unpack("%%%", NAME, ID));
        assertInvalid(() -> codec.unpack("AAAA", NAME, ID));
        assertInvalid(() -> codec.unpack("A".repeat(5000), NAME, ID));
        assertInvalid(() -> codec.unpack(token, RepositoryName.parse("team/other"), ID));
        assertInvalid(() -> codec.unpack(token, NAME, new UploadId("1d2b6e2a-1f2c-4c1b-9e9a-6a3b2c1d0e0f")));
        // Correctly signed but not a state: the MAC is checked first, the content after.
        for (String json : new String[]{"[]", "{}", "{\"Name\":\"Bad Name\",\"UUID\":\"" + ID
                + "\",\"Offset\":0,\"StartedAt\":\"2026-11-25T18:15:45Z\"}", "{\"Name\":\"team/app\",\"UUID\":\"" + ID
                + "\",\"Offset\":-1,\"StartedAt\":\"2026-11-25T18:15:45Z\"}", "not json"}) {
            String signed = distributionToken("s3cr3t", json);
            assertInvalid(() -> codec.unpack(signed, NAME, ID));
        }
    }

    @Test
    void withoutAConfiguredSecretEachProcessDrawsItsOwn() {
        UploadState state = new UploadState(NAME, ID, 0, Instant.parse("2026-11-25T18:15:45Z"));
        UploadStateCodec one = new UploadStateCodec(Optional.empty());
        UploadStateCodec two = new UploadStateCodec(Optional.of(""));
        assertEquals(state, one.unpack(one.pack(state), NAME, ID));
        assertFalse(one.pack(state).equals(two.pack(state)));
        assertInvalid(() -> two.unpack(one.pack(state), NAME, ID));
    }
}
