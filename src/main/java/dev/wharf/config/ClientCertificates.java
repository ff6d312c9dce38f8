package dev.wharf.config;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import jakarta.inject.Singleton;

/**
 * {@code REGISTRY_HTTP_TLS_CLIENTCAS}: with client CAs, the HTTPS server requires a client certificate signed by one
 * of them and ends the handshake of any client without one, as {@code registry:2} does
 * ({@code tls.RequireAndVerifyClientCert}). Quarkus fixes {@code quarkus.http.ssl.client-auth} at build time, so it is
 * set here, at startup.
 */
@Singleton
public class ClientCertificates implements HttpServerOptionsCustomizer {
    private final boolean required;

    public ClientCertificates(RegistryConfig config) {
        this.required = config.http().tls().clientcas().map(cas -> !cas.isEmpty()).orElse(false);
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        if (required) {
            options.setClientAuth(ClientAuth.REQUIRED);
        }
    }
}
