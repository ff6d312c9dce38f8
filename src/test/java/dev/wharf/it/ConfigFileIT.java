package dev.wharf.it;

import dev.wharf.testsupport.FreePort;
import dev.wharf.testsupport.TestBlobs;
import dev.wharf.testsupport.WharfProcess;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar configured as {@code registry:2} is: by a config.yml ({@code serve <path>} or
 * {@code REGISTRY_CONFIGURATION_PATH}), by {@code REGISTRY_*} variables, or both (variables win), seen over HTTP and
 * on disk; and configurations that must not start, stopping with a message that names the problem.
 */
class ConfigFileIT {
    @TempDir
    Path directory;

    @Test
    void theFileAloneSetsPortStorageAndDeletesAndUnknownKeysAreWarnedAboutOnce() throws IOException {
        int port = FreePort.find();
        Path root = directory.resolve("file-root");
        Path config = write("config.yml", """
                version: 0.1
                http:
                  addr: 127.0.0.1:%d
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                foo: bar
                proxy:
                  remoteurl: https://registry-1.docker.io
                """.formatted(port, root));
        try (WharfProcess wharf = WharfProcess.launch("wharf-config-file", local(port), Map.of(),
                List.of("serve", config.toString())).awaitStarted()) {
            String digest = pushBlob(wharf, "team/app");
            assertTrue(Files.isRegularFile(blobData(root, digest)), "the blob lands in the file's rootdirectory");
            assertEquals(202, deleteBlob(wharf, "team/app", digest), "storage.delete.enabled: true");
            String log = wharf.tail(200);
            assertEquals(1, count(log, "Ignoring unrecognized config.yml key foo"), log);
            assertEquals(1, count(log, "proxy is not supported by Wharf"), log);
        }
    }

    @Test
    void variablesAloneSetTheSame() {
        Path root = directory.resolve("env-root");
        try (WharfProcess wharf = WharfProcess.launch("wharf-config-env", Map.of(
                "REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY", root.toString(),
                "REGISTRY_STORAGE_DELETE_ENABLED", "true", "REGISTRY_UNKNOWN_SETTING", "1")).awaitStarted()) {
            String digest = pushBlob(wharf, "team/app");
            assertTrue(Files.isRegularFile(blobData(root, digest)));
            assertEquals(202, deleteBlob(wharf, "team/app", digest));
            String log = wharf.tail(200);
            assertEquals(1, count(log, "Ignoring unrecognized environment variable REGISTRY_UNKNOWN_SETTING"), log);
        }
    }

    @Test
    void variablesWinOverTheFileNamedByRegistryConfigurationPath() throws IOException {
        int filePort = FreePort.find();
        int port = FreePort.find();
        Path root = directory.resolve("both-root");
        Path config = write("both.yml", """
                version: 0.1
                http: {addr: "127.0.0.1:%d"}
                storage:
                  filesystem: {rootdirectory: %s}
                  delete: {enabled: true}
                """.formatted(filePort, root));
        try (WharfProcess wharf = WharfProcess.launch("wharf-config-both", local(port), Map.of(
                "REGISTRY_CONFIGURATION_PATH", config.toString(), "REGISTRY_HTTP_ADDR", "127.0.0.1:" + port,
                "REGISTRY_STORAGE_DELETE_ENABLED", "false"), List.of()).awaitStarted()) {
            String digest = pushBlob(wharf, "team/app");
            assertTrue(Files.isRegularFile(blobData(root, digest)), "rootdirectory from the file");
            assertEquals(405, deleteBlob(wharf, "team/app", digest), "REGISTRY_STORAGE_DELETE_ENABLED=false wins");
        }
    }

    /** {@code file}: the config.yml's body after {@code version: 0.1} ({@code -} for none); {@code how}: how it is given. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            absent file          | -                                                    | serve-absent | configuration file
            invalid YAML         | 'http: {addr: [oops'                                 | env          | is not valid YAML: line
            no version           | 'http: {}'                                           | env-bare     | has no version: add version: 0.1
            two storage drivers  | 'storage: {filesystem: {rootdirectory: /tmp/x}, s3: {bucket: b}}' | serve | multiple storage drivers specified in configuration or environment: filesystem, s3
            REGISTRY_STORAGE=s3  | 'storage: {filesystem: {rootdirectory: /tmp/x}, delete: {enabled: true}}' | env-s3 | storage.s3.bucket (REGISTRY_STORAGE_S3_BUCKET) is required
            chunk size too small | 'storage: {s3: {bucket: b, region: r, chunksize: 10}}' | serve       | storage.s3.chunksize (REGISTRY_STORAGE_S3_CHUNKSIZE) must be at least 5242880
            token authentication | 'auth: {token: {realm: "https://auth.example.com/token", service: r}}' | serve | token and silly authentication are not supported
            not a boolean        | 'storage: {delete: {enabled: maybe}}'                | serve        | storage.delete.enabled (REGISTRY_STORAGE_DELETE_ENABLED): expected true or false
            """)
    void configurationsThatMustNotStart(String label, String file, String how, String message) throws IOException {
        Path config = how.equals("env-bare") ? write("bad.yml", file + "\n")
                : write("bad.yml", "version: 0.1\n" + (file.equals("-") ? "" : file) + "\n");
        List<String> arguments = switch (how) {
            case "serve-absent" -> List.of("serve", directory.resolve("absent.yml").toString());
            case "serve" -> List.of("serve", config.toString());
            default -> List.of();
        };
        Map<String, String> variables = switch (how) {
            case "env", "env-bare" -> Map.of("REGISTRY_CONFIGURATION_PATH", config.toString());
            case "env-s3" -> Map.of("REGISTRY_CONFIGURATION_PATH", config.toString(), "REGISTRY_STORAGE", "s3",
                    "REGISTRY_STORAGE_S3_REGION", "us-east-1");
            default -> Map.of();
        };
        try (WharfProcess wharf = WharfProcess.launch("wharf-config-bad", local(FreePort.find()), variables,
                arguments)) {
            int status = wharf.awaitExit();
            String log = wharf.tail(80);
            assertNotEquals(0, status, log);
            assertTrue(log.contains(message), label + ": " + log);
            if (!how.equals("env-s3") && !label.equals("chunk size too small") && !label.equals("token authentication")) {
                assertFalse(log.contains("\tat "), "a message, not a stack trace: " + log);
            }
        }
    }

    static URI local(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(directory.resolve(name), text);
    }

    private static String pushBlob(WharfProcess wharf, String repository) {
        byte[] content = TestBlobs.random(1000, 7);
        String digest = TestBlobs.sha256(content);
        int status = given().baseUri(wharf.base()).contentType(ContentType.BINARY).body(content)
                .queryParam("digest", digest).post("/v2/" + repository + "/blobs/uploads/").statusCode();
        assertEquals(201, status, wharf.tail(40));
        return digest;
    }

    private static int deleteBlob(WharfProcess wharf, String repository, String digest) {
        return given().baseUri(wharf.base()).delete("/v2/" + repository + "/blobs/" + digest).statusCode();
    }

    private static Path blobData(Path root, String digest) {
        String hex = digest.substring("sha256:".length());
        return root.resolve("docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    }

    private static int count(String text, String part) {
        return (int) Pattern.compile(Pattern.quote(part)).matcher(text).results().count();
    }
}
