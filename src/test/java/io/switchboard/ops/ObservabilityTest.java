package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.support.HubTest;
import io.switchboard.support.Tokens;
import io.switchboard.support.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.yaml.snakeyaml.Yaml;

/**
 * The hub, exercised as in production (chat calls, a webhook, refused credentials, conversation events), exports every
 * metric the Grafana dashboard and the alert rules read; the business metrics follow the conversation events.
 */
@HubTest
class ObservabilityTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)", Pattern.MULTILINE);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void everyMetricOfTheDashboardAndTheAlertsIsExported() throws Exception {
        exercise();
        System.gc();   // the GC pause timer exists from the JVM's first collection on, as in any running hub
        await().atMost(Duration.ofSeconds(10)).until(() -> scrape().keySet().stream()
                .anyMatch(sample -> sample.startsWith("jvm_gc_pause_seconds")));

        Set<String> exported = scrape().keySet().stream().map(sample -> sample.replaceAll("\\{.*", ""))
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        Map<String, Set<String>> wanted = wantedMetrics();

        assertThat(wanted.get("dashboard")).hasSizeGreaterThan(20);
        assertThat(wanted.get("alerts")).hasSizeGreaterThan(8);
        wanted.forEach((where, names) -> assertThat(exported)
                .as("metrics that %s reads but /actuator/prometheus lacks", where).containsAll(names));
    }

    @Test
    void bothDatabasePoolsAreExported() throws Exception {
        String reader = Tokens.forCustomer(Tokens.CUSTOMER, "catalog:read");
        assertThat(get("/api/v1/products/IPOD2008GREEN", reader).statusCode()).isEqualTo(200);

        Map<String, Double> samples = scrape();

        assertThat(samples).containsKeys("hikaricp_connections_max{pool=\"switchboard\"}",
                "hikaricp_connections_max{pool=\"catalog\"}");
        assertThat(samples.get("hikaricp_connections_max{pool=\"catalog\"}")).isEqualTo(4);
    }

    @Test
    void theDashboardHasOneRowPerArea() throws Exception {
        JsonNode board = json.readTree(Path.of("ops/grafana/dashboards/switchboard.json").toFile());
        java.util.List<String> rows = new java.util.ArrayList<>();
        board.path("panels").forEach(panel -> {
            if ("row".equals(panel.path("type").asText())) {
                rows.add(panel.path("title").asText());
            } else {
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            }
        });

        assertThat(rows).containsExactly("Integrations", "Webhooks", "Chat API", "Business", "JVM and pools");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void personalDataIsMaskedInTheHubsLog(CapturedOutput output) {
        LoggerFactory.getLogger(ObservabilityTest.class).warn("Customer {} called from {} about card {}",
                "jane.doe@example.com", "+49 30 1234567", "4111 1111 1111 1111");

        assertThat(output.getOut()).contains("Customer ***@example.com called from ***phone*** about card ****1111")
                .doesNotContain("jane.doe@example.com").doesNotContain("4111 1111 1111 1111");
    }

    @Test
    void queueDepthsAreReadFromTheBroker() throws Exception {
        Map<String, Double> samples = scrape();

        Double shopify = samples.get("switchboard_queue_messages{dead_letter=\"false\",queue=\"webhooks.shopify\"}");
        assertThat(shopify).as(samples.keySet().stream().filter(s -> s.startsWith("switchboard_queue")).toList()
                .toString()).isNotNull().isNotNaN().isGreaterThanOrEqualTo(0);
        assertThat(samples.get("switchboard_queue_messages{dead_letter=\"true\",queue=\"jobs.crm-activity.dlq\"}"))
                .isNotNull().isNotNaN();
        // the domain events' subscriptions on the Artemis topic
        assertThat(samples.get("switchboard_queue_messages{dead_letter=\"false\",queue=\"switchboard-reactions\"}"))
                .isNotNull().isNotNaN();
    }

    @Test
    void businessMetricsFollowTheConversationEvents() throws Exception {
        Map<String, Double> before = scrape();
        String completed = "conv-" + UUID.randomUUID();
        String escalated = "conv-" + UUID.randomUUID();

        event(completed, "{\"type\":\"message\",\"role\":\"customer\",\"text\":\"Where is my order?\",\"at\":\"2026-05-01T10:00:00Z\"}");
        event(completed, "{\"type\":\"resolved\",\"at\":\"2026-05-01T10:02:00Z\"}");
        event(completed, "{\"type\":\"csat\",\"score\":5,\"at\":\"2026-05-01T10:03:00Z\"}");
        event(escalated, "{\"type\":\"message\",\"role\":\"customer\",\"text\":\"I want a human\",\"at\":\"2026-05-01T11:00:00Z\"}");
        event(escalated, "{\"type\":\"escalated\",\"at\":\"2026-05-01T11:01:00Z\"}");
        event(escalated, "{\"type\":\"resolved\",\"at\":\"2026-05-01T11:20:00Z\"}");
        event(escalated, "{\"type\":\"csat\",\"score\":2,\"at\":\"2026-05-01T11:21:00Z\"}");
        Map<String, Double> after = scrape();

        assertThat(delta(before, after, "switchboard_conversations_started_total")).isEqualTo(2);
        assertThat(delta(before, after, "switchboard_conversations_escalated_total")).isEqualTo(1);
        assertThat(delta(before, after, "switchboard_conversations_resolved_total")).isEqualTo(2);
        assertThat(delta(before, after, "switchboard_conversations_completed_total")).isEqualTo(1);
        assertThat(delta(before, after, "switchboard_conversation_csat_score_count")).isEqualTo(2);
        assertThat(delta(before, after, "switchboard_conversation_csat_score_sum")).isEqualTo(7);
        assertThat(delta(before, after, "switchboard_conversation_csat_score_bucket{le=\"2.0\"}")).isEqualTo(1);
    }

    @Test
    void aScoreOutsideOneToFiveIsRefused() throws Exception {
        HttpResponse<String> response = event("conv-" + UUID.randomUUID(), "{\"type\":\"csat\",\"score\":6,\"at\":\"2026-05-01T10:03:00Z\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("invalid_request");
    }

    /** A few calls of each kind the dashboard and the alerts watch. */
    private void exercise() throws Exception {
        String reader = Tokens.forCustomer(Tokens.CUSTOMER, "orders:read customer:read catalog:read kb:read");
        assertThat(get("/api/v1/orders/1001", reader).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/products/IPOD2008GREEN", reader).statusCode()).isEqualTo(200);
        get("/api/v1/customers/" + Tokens.CUSTOMER, reader);
        assertThat(get("/api/v1/orders/1001", "not-a-token").statusCode()).isEqualTo(401);
        assertThat(Webhooks.postShopify(port, "orders/updated", "obs-" + UUID.randomUUID(), "{\"id\":1}")
                .statusCode()).isEqualTo(200);
        assertThat(Webhooks.post(port, "shopify", "{\"id\":2}", "X-Shopify-Hmac-Sha256", "Zm9yZ2Vk",
                "X-Shopify-Topic", "orders/updated", "X-Shopify-Webhook-Id", "forged").statusCode()).isGreaterThanOrEqualTo(400);
        String conversation = "conv-" + UUID.randomUUID();
        event(conversation, "{\"type\":\"message\",\"role\":\"customer\",\"text\":\"hi\",\"at\":\"2026-05-01T10:00:00Z\"}");
        event(conversation, "{\"type\":\"csat\",\"score\":4,\"at\":\"2026-05-01T10:01:00Z\"}");
        // the webhook's processing is timed once a worker applied it
        await().atMost(Duration.ofSeconds(30)).until(() -> scrape().entrySet().stream()
                .anyMatch(sample -> sample.getKey().startsWith("switchboard_webhooks_processed_total{source=\"shopify\"")
                        && sample.getValue() > 0));
    }

    private Map<String, Set<String>> wantedMetrics() throws Exception {
        Set<String> dashboard = new TreeSet<>();
        JsonNode board = json.readTree(Path.of("ops/grafana/dashboards/switchboard.json").toFile());
        board.findValues("expr").forEach(expr -> dashboard.addAll(PromQlNames.metrics(expr.asText())));
        // Grafana's label_values(metric, label): the metric, not the label
        board.path("templating").path("list").forEach(variable -> dashboard.addAll(PromQlNames.metrics(
                variable.path("definition").asText("").replaceAll("label_values\\(\\s*([^,)]+),[^)]*\\)", "$1"))));

        Set<String> alerts = new TreeSet<>();
        Set<String> recorded = new TreeSet<>();
        JsonNode rules = json.valueToTree(new Yaml().load(
                java.nio.file.Files.readString(Path.of("ops/prometheus/alerts.yaml"))));
        rules.path("groups").forEach(group -> group.path("rules").forEach(rule -> {
            alerts.addAll(PromQlNames.metrics(rule.path("expr").asText()));
            if (rule.has("record")) {
                recorded.add(rule.path("record").asText());
            }
        }));
        assertThat(alerts).as("recording rules read by the rules are defined").filteredOn(name -> name.contains(":"))
                .isSubsetOf(recorded);
        alerts.removeAll(recorded);
        return Map.of("dashboard", dashboard, "alerts", alerts);
    }

    private Map<String, Double> scrape() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new HashMap<>();
        Matcher sample = SAMPLE.matcher(response.body());
        while (sample.find()) {
            samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)), Double.valueOf(sample.group(3)));
        }
        return samples;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String sample) {
        return after.getOrDefault(sample, 0.0) - before.getOrDefault(sample, 0.0);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> event(String conversation, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/conversations/"
                        + conversation + "/events"))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "conversations:write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
