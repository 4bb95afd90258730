package io.switchboard.connectors.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.switchboard.connectors.salesforce.SalesforceLogins.getCustomer;
import static io.switchboard.connectors.salesforce.SalesforceLogins.sandbox;
import static io.switchboard.connectors.salesforce.SalesforceLogins.tokenRequests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.support.ExternalTools;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.SwitchedHub;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Salesforce's OAuth 2.0 JWT bearer flow end to end: a key pair made here (keytool, a PKCS12 keystore), the hub
 * signing its assertion with it, the sandbox's token endpoint; a refused assertion is the contract's
 * upstream_unavailable from the CRM.
 */
class SalesforceJwtLoginTest {

    private static final String USERNAME = "integration@sandbox.example.com";
    private static final String STORE_PASSWORD = "test-only-keystore-password";

    @TempDir
    static Path data;

    private static ConfigurableApplicationContext hub;
    private static int port;
    private static Path keystore;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startHub() throws Exception {
        keystore = data.resolve("salesforce.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        ExternalTools.Result made = ExternalTools.run(data, 120, keytool, "-genkeypair", "-alias", "switchboard",
                "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", "CN=switchboard-test",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        assertThat(made.exitCode()).as(made.output()).isZero();
        Sandboxes.reset("salesforce");
        hub = SwitchedHub.start(data, "switchboard.crm.provider=salesforce",
                "switchboard.vendors.salesforce.auth=jwt",
                "switchboard.vendors.salesforce.client-id=sandbox-consumer-key",
                "switchboard.vendors.salesforce.client-secret=",
                "switchboard.vendors.salesforce.username=" + USERNAME,
                "switchboard.vendors.salesforce.keystore=" + keystore,
                "switchboard.vendors.salesforce.keystore-password=" + STORE_PASSWORD,
                "switchboard.vendors.salesforce.keystore-type=PKCS12");
        port = SwitchedHub.port(hub);
        SalesforceLogins.warmUp(hub);
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
        Sandboxes.reset("salesforce");
    }

    @Test
    void logsInWithAnAssertionSignedByItsKeyAndServesTheCustomer() throws Exception {
        SalesforceLogins.loggedOut(hub);

        HttpResponse<String> customer = getCustomer(port);

        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(200);
        assertThat(json.readTree(customer.body()).path("email").asText()).isEqualTo("bob.norman@hostmail.com");
        List<Map<String, String>> logins = tokenRequests();
        assertThat(logins).hasSize(1);
        Map<String, String> form = logins.get(0);
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                .doesNotContainKey("client_secret");
        SignedJWT assertion = SignedJWT.parse(form.get("assertion"));
        assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(assertion.verify(new RSASSAVerifier(publicKey()))).as("signed with the keystore's key").isTrue();
        // read as JSON: camel-salesforce writes exp as a number in a string, which Salesforce takes
        JsonNode claims = json.readTree(assertion.getPayload().toString());
        assertThat(claims.path("iss").asText()).isEqualTo("sandbox-consumer-key");
        assertThat(claims.path("sub").asText()).isEqualTo(USERNAME);
        assertThat(claims.path("aud").asText()).isEqualTo(Sandboxes.baseUrl("salesforce"));
        // Salesforce accepts an assertion for at most 3 minutes after its exp
        assertThat(Instant.ofEpochSecond(Long.parseLong(claims.path("exp").asText()))).isAfter(Instant.now())
                .isBefore(Instant.now().plusSeconds(301));
        assertThat(SalesforceLogins.component(hub).getSession().getAccessToken())
                .isEqualTo("00DDp000000SbxQ!AQ4AQSandboxJwtSessionNotASecret");
    }

    @Test
    void aRefusedAssertionIsUpstreamUnavailableFromTheCrmNotAnError() throws Exception {
        SalesforceLogins.loggedOut(hub);
        // what Salesforce answers when the user has not been pre-authorized for the app, or the certificate differs
        sandbox().stubFor(post(urlPathEqualTo(SalesforceLogins.TOKEN_PATH)).atPriority(1)
                .withRequestBody(containing("assertion="))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json;charset=UTF-8")
                        .withBody("{\"error\":\"invalid_grant\",\"error_description\":\"user hasn't approved this consumer\"}")));

        HttpResponse<String> customer = getCustomer(port);

        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(503);
        JsonNode problem = json.readTree(customer.body());
        assertThat(problem.path("code").asText()).isEqualTo("upstream_unavailable");
        assertThat(problem.path("source").asText()).isEqualTo("crm");
        assertThat(customer.body()).doesNotContain("approved").doesNotContain("invalid_grant");
        assertThat(tokenRequests()).isNotEmpty();
    }

    private static RSAPublicKey publicKey() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        return (RSAPublicKey) store.getCertificate("switchboard").getPublicKey();
    }
}
