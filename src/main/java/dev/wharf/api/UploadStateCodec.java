package dev.wharf.api;

import dev.wharf.config.RegistryConfig;
import dev.wharf.error.ErrorCode;
import dev.wharf.error.RegistryException;
import dev.wharf.model.RepositoryName;
import dev.wharf.store.UploadId;
import dev.wharf.store.UploadState;
import io.quarkus.runtime.Startup;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code _state} query parameter of upload Locations, in distribution's format ({@code registry/handlers/hmac.go}):
 * base64url of the HMAC-SHA256 of the JSON {@code {"Name","UUID","Offset","StartedAt"}} followed by that JSON, keyed
 * by {@code REGISTRY_HTTP_SECRET}. distribution pads the base64 with {@code =}, escaped as {@code %3D} in the Location,
 * which some HTTP clients unescape or escape again. Wharf ends the JSON with up to two spaces so that the token's
 * length is a multiple of three bytes: its base64 has no padding, needs no escaping, and is the same in both alphabets
 * registry:2 and Wharf read. Wharf reads tokens with or without padding, so with a shared secret an upload started on
 * registry:2 continues on Wharf and the other way round. Each request on an upload presents the state its previous answer gave,
 * so any replica sharing the secret can check that the client is continuing the upload it started, where it left it.
 */
@Singleton
@Startup
public class UploadStateCodec {
    private static final Logger LOG = Logger.getLogger(UploadStateCodec.class);
    private static final String HMAC = "HmacSHA256";
    private static final int MAC_SIZE = 32;
    private static final int MAX_TOKEN = 4096;

    private final SecretKeySpec key;

    @Inject
    public UploadStateCodec(RegistryConfig config) {
        this(config.http().secret());
    }

    UploadStateCodec(Optional<String> configured) {
        byte[] secret = configured.filter(s -> !s.isEmpty())
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
        if (secret == null) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            LOG.warn("REGISTRY_HTTP_SECRET is not set: upload Locations are signed with a random secret drawn at "
                    + "startup. Replicas behind a load balancer need the same REGISTRY_HTTP_SECRET, or uploads "
                    + "continued on another replica (or after a restart) fail with BLOB_UPLOAD_INVALID.");
        }
        this.key = new SecretKeySpec(secret, HMAC);
    }

    /** The signed token for a state. */
    public String pack(UploadState state) {
        String json = "{\"Name\":\"" + state.name().value() + "\",\"UUID\":\"" + state.id().value()
                + "\",\"Offset\":" + state.offset() + ",\"StartedAt\":\""
                + DateTimeFormatter.ISO_INSTANT.format(state.startedAt()) + "\"}";
        json += " ".repeat((3 - (MAC_SIZE + json.length()) % 3) % 3);
        byte[] message = json.getBytes(StandardCharsets.US_ASCII);
        byte[] mac = mac(message);
        byte[] token = Arrays.copyOf(mac, mac.length + message.length);
        System.arraycopy(message, 0, token, mac.length, message.length);
        return Base64.getUrlEncoder().encodeToString(token);
    }

    /**
     * The state a token carries for the upload {@code id} of {@code name}. A missing, malformed, tampered or foreign
     * (another secret) token, or one issued for another repository or upload, is {@code BLOB_UPLOAD_INVALID}.
     */
    public UploadState unpack(String token, RepositoryName name, UploadId id) {
        if (token == null || token.isEmpty()) {
            throw invalid("no upload state (_state) in the request");
        }
        if (token.length() > MAX_TOKEN) {
            throw invalid("upload state too long");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid("upload state is not base64url");
        }
        if (bytes.length <= MAC_SIZE) {
            throw invalid("invalid secret");
        }
        byte[] message = Arrays.copyOfRange(bytes, MAC_SIZE, bytes.length);
        if (!MessageDigest.isEqual(mac(message), Arrays.copyOf(bytes, MAC_SIZE))) {
            throw invalid("invalid secret");
        }
        UploadState state;
        try {
            JsonObject json = new JsonObject(new String(message, StandardCharsets.UTF_8));
            state = new UploadState(RepositoryName.parse(json.getString("Name")), new UploadId(json.getString("UUID")),
                    json.getLong("Offset"), Instant.parse(json.getString("StartedAt")));
        } catch (RuntimeException e) {
            throw invalid("upload state is malformed");
        }
        if (!state.name().equals(name)) {
            throw invalid("upload state is for another repository");
        }
        if (!state.id().equals(id)) {
            throw invalid("upload state is for another upload");
        }
        return state;
    }

    private byte[] mac(byte[] message) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RegistryException invalid(String detail) {
        return new RegistryException(ErrorCode.BLOB_UPLOAD_INVALID, Map.of("reason", detail));
    }
}
