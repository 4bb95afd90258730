package io.switchboard.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.SwitchboardApplication;
import io.switchboard.support.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The hub stopped and started again on the same data, and the hub with its broker down. */
class WebhookRestartTest {

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path data;

    @Test
    void aDeliveryRepeatedAfterARestartIsStillADuplicate() throws Exception {
        String id = "msg_" + UUID.randomUUID();
        String body = "{\"type\":\"invoice.paid\",\"data\":{\"id\":\"inv_1\"}}";

        try (ConfigurableApplicationContext first = start()) {
            HttpResponse<String> response = Webhooks.postStandard(port(first), "acme", id, body);
            assertThat(json.readTree(response.body()).path("duplicate").asBoolean()).as(response.body()).isFalse();
        }
        try (ConfigurableApplicationContext second = start()) {
            HttpResponse<String> response = Webhooks.postStandard(port(second), "acme", id, body);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json.readTree(response.body()).path("duplicate").asBoolean()).as(response.body()).isTrue();
        }
    }

    @Test
    void whileTheBrokerIsDownADeliveryGets503AndIsNotAcknowledged() throws Exception {
        String id = "msg_" + UUID.randomUUID();
        try (ConfigurableApplicationContext hub = start()) {
            hub.getBean(EmbeddedActiveMQ.class).stop();

            HttpResponse<String> response = Webhooks.postStandard(port(hub), "acme", id, "{\"type\":\"x\"}");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("upstream_unavailable");
            assertThat(hub.getBean(JdbcTemplate.class).queryForObject(
                    "SELECT count(*) FROM webhook_receipts WHERE event_id = ?", Integer.class, id)).isZero();
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("local", "test")
                .run("--server.port=0",
                        "--switchboard.local.postgres.data-directory=" + data.resolve("postgres"),
                        "--spring.artemis.embedded.data-directory=" + data.resolve("artemis"),
                        "--switchboard.vendors.shopify.base-url=http://127.0.0.1:9",
                        "--switchboard.webhooks.enqueue-timeout=1s");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
