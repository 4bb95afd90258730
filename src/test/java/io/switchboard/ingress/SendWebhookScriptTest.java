package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.support.ExternalTools;
import io.switchboard.support.HubTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code bin/send-webhook} signs each sample with the local profile's secret the way its vendor does: the running
 * hub verifies it and answers 200 with its receipt (curl's --fail-with-body: any other status fails the script); a sample that does not exist is refused before anything is sent.
 */
@HubTest
class SendWebhookScriptTest {

    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @TempDir
    static Path scratch;

    @BeforeAll
    static void toolsPresent() {
        ExternalTools.debianCommand("openssl", "openssl");
        ExternalTools.debianCommand("curl", "curl");
    }

    @ParameterizedTest
    @CsvSource({
        "shopify, orders/fulfilled",
        "shopify, orders/updated",
        "woocommerce, order.updated",
        "order-status, order.status_changed",
        "zendesk, ticket.status_changed",
        "hubspot, contact.propertyChange",
        "zendesk, ticket.priority_changed",
        "zendesk-guide, article.published",
        "freshdesk, ticket.resolved",
        "jira, jira.issue_updated",
        "confluence, page_updated",
        "salesforce, ContactChangeEvent",
    })
    void aSandboxSampleIsSignedAndAccepted(String source, String sample) throws Exception {
        assertAccepted(send(source, sample));
    }

    @ParameterizedTest
    @CsvSource({"github", "stripe", "slack", "acme"})
    void anyFileIsSignedForTheOtherSchemes(String source) throws Exception {
        Path body = scratch.resolve(source + ".json");
        Files.writeString(body, "{\"id\":\"evt_" + System.nanoTime() + "\",\"type\":\"sample.event\"}\n");

        assertAccepted(send(source, body.toString()));
    }

    @ParameterizedTest
    @CsvSource({"shopify, orders/nonexistent", "nobody, orders/fulfilled"})
    void anUnknownSampleOrSourceIsRefusedBeforeSending(String source, String sample) {
        ExternalTools.Result result = send(source, sample);

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
    }

    private ExternalTools.Result send(String source, String sample) {
        return ExternalTools.run(Path.of("."), 60, "bash", "bin/send-webhook", "-u", "http://localhost:" + port,
                source, sample);
    }

    private void assertAccepted(ExternalTools.Result result) throws Exception {
        assertThat(result.exitCode()).as(result.output()).isZero();
        // a repeat is 200 too (HubSpot's events are named by the body's digest, the same on every run)
        JsonNode receipt = json.readTree(result.output());
        assertThat(receipt.path("id").asText()).isNotBlank();
        assertThat(receipt.path("duplicate").isBoolean()).isTrue();
    }
}
