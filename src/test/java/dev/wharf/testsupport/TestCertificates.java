package dev.wharf.testsupport;

import io.restassured.config.SSLConfig;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

/**
 * A throw-away PKI made with the JDK's {@code keytool}: a CA, a server certificate for {@code 127.0.0.1} and
 * {@code localhost} signed by it, a client certificate signed by it, and a self-signed client certificate no CA vouches
 * for. Everything is written as PEM ({@code .crt}, and {@code .key} in PKCS#8), as Wharf and skopeo read it.
 */
public final class TestCertificates {
    private static final String PASSWORD = "changeit";
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private final Path directory;

    private TestCertificates(Path directory) {
        this.directory = directory;
    }

    /** Generates the CA, the server and the client certificates in {@code directory}. */
    public static TestCertificates generate(Path directory) {
        try {
            Files.createDirectories(directory);
            TestCertificates pki = new TestCertificates(directory);
            pki.keyPair("ca", "CN=Wharf Test CA", "bc:c");
            pki.keytool("-exportcert", "-keystore", pki.path("ca.p12"), "-alias", "ca", "-rfc", "-file", pki.path("ca.crt"));
            pki.signed("server", "CN=localhost", "san=ip:127.0.0.1,dns:localhost", "eku=serverAuth");
            pki.signed("client", "CN=wharf-client", "eku=clientAuth");
            pki.keyPair("stranger", "CN=wharf-stranger", "eku=clientAuth");
            pki.keytool("-exportcert", "-keystore", pki.path("stranger.p12"), "-alias", "stranger", "-rfc",
                    "-file", pki.path("stranger.crt"));
            pki.exportKey("stranger");
            // the server's file holds its chain, as a CA-issued certificate file usually does
            Files.writeString(directory.resolve("server-chain.crt"), Files.readString(pki.file("server.crt"))
                    + Files.readString(pki.caCertificate()));
            return pki;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path caCertificate() {
        return file("ca.crt");
    }

    /** The server certificate followed by the CA's. */
    public Path serverChain() {
        return file("server-chain.crt");
    }

    public Path serverKey() {
        return file("server.key");
    }

    /** {@code name}.crt: {@code ca}, {@code server}, {@code client} or {@code stranger}. */
    public Path certificate(String name) {
        return file(name + ".crt");
    }

    /** {@code name}.key, PKCS#8 PEM. */
    public Path key(String name) {
        return file(name + ".key");
    }

    /**
     * A directory as skopeo's {@code --cert-dir} takes it: {@code ca.crt}, and {@code client.cert}/{@code client.key}
     * of {@code client} ({@code client} or {@code stranger}) when not null.
     */
    public Path certDirectory(String client) {
        try {
            Path dir = Files.createDirectories(directory.resolve("certs.d-" + (client == null ? "anonymous" : client)));
            Files.copy(caCertificate(), dir.resolve("ca.crt"), REPLACE_EXISTING);
            if (client != null) {
                Files.copy(certificate(client), dir.resolve("client.cert"),
                        REPLACE_EXISTING);
                Files.copy(key(client), dir.resolve("client.key"), REPLACE_EXISTING);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SSL context trusting only the CA, presenting {@code client}'s certificate when not null. */
    public SSLContext sslContext(String client) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(client == null ? null : clientKeyStore(client), PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(client == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** REST Assured's SSL settings: trust only the CA, present {@code client}'s certificate when not null. */
    public SSLConfig restAssured(String client) {
        try {
            SSLConfig ssl = SSLConfig.sslConfig().trustStore(trustStore());
            if (client == null) {
                return ssl;
            }
            Path store = file(client + "-chain.p12");
            try (OutputStream out = Files.newOutputStream(store)) {
                clientKeyStore(client).store(out, PASSWORD.toCharArray());
            }
            return ssl.keyStore(store.toFile(), PASSWORD).keystoreType("PKCS12");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore trustStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", readCertificates(caCertificate()).get(0));
        return store;
    }

    /** The client's key with its chain (its certificate, then the CA's when the CA signed it). */
    private KeyStore clientKeyStore(String client) throws GeneralSecurityException, IOException {
        List<Certificate> chain = new ArrayList<>(readCertificates(certificate(client)));
        if (!"stranger".equals(client)) {
            chain.addAll(readCertificates(caCertificate()));
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(client, privateKey(client), PASSWORD.toCharArray(), chain.toArray(Certificate[]::new));
        return store;
    }

    private static List<Certificate> readCertificates(Path pem) throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
    }

    private void keyPair(String alias, String dname, String... extensions) {
        List<String> arguments = new ArrayList<>(List.of("-genkeypair", "-keystore", path(alias + ".p12"),
                "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", dname));
        for (String extension : extensions) {
            arguments.add("-ext");
            arguments.add(extension);
        }
        keytool(arguments.toArray(String[]::new));
    }

    /** A key pair for {@code alias}, its certificate signed by the CA ({@code alias.crt}) and its key as PEM. */
    private void signed(String alias, String dname, String... extensions) {
        keyPair(alias, dname);
        keytool("-certreq", "-keystore", path(alias + ".p12"), "-alias", alias, "-file", path(alias + ".csr"));
        List<String> arguments = new ArrayList<>(List.of("-gencert", "-keystore", path("ca.p12"), "-alias", "ca",
                "-infile", path(alias + ".csr"), "-outfile", path(alias + ".crt"), "-rfc", "-validity", "2"));
        for (String extension : extensions) {
            arguments.add("-ext");
            arguments.add(extension);
        }
        keytool(arguments.toArray(String[]::new));
        exportKey(alias);
    }

    private void exportKey(String alias) {
        try {
            String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(privateKey(alias).getEncoded());
            Files.writeString(key(alias), "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private PrivateKey privateKey(String alias) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file(alias + ".p12"))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return (PrivateKey) store.getKey(alias, PASSWORD.toCharArray());
    }

    private void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt"));
        ChildProcess.run("keytool", command, TIMEOUT);
    }

    private Path file(String name) {
        return directory.resolve(name);
    }

    private String path(String name) {
        return file(name).toAbsolutePath().toString();
    }
}
