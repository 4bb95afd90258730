package io.switchboard.api;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.switchboard.SwitchboardApplication;
import io.switchboard.support.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * HTTPS from a configured keystore (a certificate generated here with keytool), TLS 1.2 or higher; and outbound
 * calls that refuse a vendor whose certificate they cannot verify.
 */
class TlsTest {

    private static final String PASSWORD = "test-keystore-password";

    @TempDir
    Path dir;

    @Test
    void servesHttpsFromTheKeystoreAndVerifiesVendorsCertificates() throws Exception {
        Path keystore = generateKeystore();
        WireMockServer untrustedVendor = new WireMockServer(options().dynamicPort().dynamicHttpsPort());
        untrustedVendor.start();
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("local", "test")
                .run("--server.port=0",
                        "--server.ssl.enabled=true",
                        "--server.ssl.key-store=" + keystore,
                        "--server.ssl.key-store-password=" + PASSWORD,
                        "--switchboard.local.postgres.data-directory=" + dir.resolve("postgres"),
                        "--spring.artemis.embedded.data-directory=" + dir.resolve("artemis"),
                        "--switchboard.vendors.shopify.base-url=https://127.0.0.1:" + untrustedVendor.httpsPort())) {
            int port = Integer.parseInt(hub.getEnvironment().getProperty("local.server.port"));
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keystore)).build();

            HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + port + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            // readiness: the hub's own parts (the vendors of this hub are unreachable, and its health says so)
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.sslSession()).hasValueSatisfying(session ->
                    assertThat(session.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));

            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + port + "/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString()))
                    .as("a client that does not trust the certificate").isInstanceOf(IOException.class);

            HttpResponse<String> order = trusting.send(HttpRequest.newBuilder(
                            URI.create("https://localhost:" + port + "/api/v1/orders/1001"))
                    .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "orders:read")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(order.statusCode()).as("the vendor's self-signed certificate is refused").isEqualTo(503);
            assertThat(untrustedVendor.getAllServeEvents()).isEmpty();
        } finally {
            untrustedVendor.stop();
        }
    }

    private Path generateKeystore() throws Exception {
        Path keystore = dir.resolve("hub.p12");
        Process keytool = new ProcessBuilder("keytool", "-genkeypair", "-alias", "hub", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();
        return keystore;
    }

    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
