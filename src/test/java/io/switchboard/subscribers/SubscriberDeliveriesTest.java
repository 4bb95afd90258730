package io.switchboard.subscribers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.support.ExternalTools;
import io.switchboard.support.HubTest;
import io.switchboard.support.PrivacyClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Outbound webhooks delivered end to end: a subscription made through the admin API, conversation events posted to
 * the chat API, their CloudEvents delivered to a subscriber and verified by the Standard Webhooks reference library
 * (npm {@code standardwebhooks}); retries with the same {@code webhook-id}, an endpoint disabled after its run of
 * failures (4 in the test profile), and dead letters replayed once it is enabled again.
 */
@HubTest
class SubscriberDeliveriesTest extends SubscriberWebhooksCase {

    private static final String VERIFIER = "src/test/webhook-verifier";

    @Test
    void aSubscriberGetsSignedCloudEventsThatTheReferenceLibraryVerifies() throws Exception {
        JsonNode created = create("{\"name\":\"chat backend\",\"url\":\"" + hookUrl() + "\","
                + "\"eventTypes\":[\"inquiry.received\",\"conversation.escalated\"]}");
        String secret = created.path("secret").asText();
        assertThat(secret).startsWith("whsec_");
        String conversation = "conv-sub-" + UUID.randomUUID();

        new PrivacyClient(port, ADMIN_KEY).message(customer(), conversation, "Where is my parcel?");
        postEvent(conversation, "escalated");

        List<Received> deliveries = awaitDeliveries(conversation, 2);
        JsonNode inquiry = find(deliveries, "inquiry.received").json();
        assertThat(inquiry.path("specversion").asText()).isEqualTo("1.0");
        assertThat(inquiry.path("source").asText()).isEqualTo("/switchboard/conversations");
        assertThat(inquiry.path("subject").asText()).isEqualTo(conversation);
        assertThat(inquiry.path("data").path("conversationId").asText()).isEqualTo(conversation);
        assertThat(inquiry.path("data").toString()).doesNotContain("Where is my parcel");
        assertThat(find(deliveries, "inquiry.received").headers().get("webhook-id"))
                .isEqualTo(inquiry.path("id").asText());
        assertThat(find(deliveries, "inquiry.received").headers().get("content-type"))
                .startsWith("application/cloudevents+json");

        Received tampered = new Received(deliveries.get(0).headers(), deliveries.get(0).body().replace("1.0", "2.0"));
        JsonNode verdicts = verify(secret, List.of(deliveries.get(0), deliveries.get(1), tampered));
        assertThat(verdicts.get(0).path("ok").asBoolean()).as(verdicts.toString()).isTrue();
        assertThat(verdicts.get(1).path("ok").asBoolean()).as(verdicts.toString()).isTrue();
        assertThat(verdicts.get(1).path("payload").path("type").asText()).isIn("inquiry.received",
                "conversation.escalated");
        assertThat(verdicts.get(2).path("ok").asBoolean()).as("a tampered body is refused").isFalse();
        assertThat(verify("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[24]),
                List.of(deliveries.get(0))).get(0).path("ok").asBoolean()).as("another secret is refused").isFalse();

        JsonNode shown = get("/admin/subscriptions/" + created.path("id").asText());
        assertThat(shown.has("secret")).as("the secret is shown once only").isFalse();
        assertThat(get("/admin/subscriptions").toString()).doesNotContain(secret);
        assertThat(delivered(created.path("id").asText(), "delivered")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aFailedDeliveryIsRetriedWithTheSameIdAndAGivenSecretSigns() throws Exception {
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(
                "a subscriber's own secret, 32 b".getBytes(StandardCharsets.UTF_8));
        JsonNode created = create("{\"name\":\"flaky\",\"url\":\"" + hookUrl() + "\","
                + "\"eventTypes\":[\"inquiry.received\"],\"secret\":\"" + secret + "\"}");
        assertThat(created.path("secret").asText()).isEqualTo(secret);
        failuresLeft.set(2);
        String conversation = "conv-retry-" + UUID.randomUUID();

        new PrivacyClient(port, ADMIN_KEY).message(customer(), conversation, "hello");

        List<Received> attempts = awaitDeliveries(conversation, 3);
        assertThat(attempts).extracting(r -> r.headers().get("webhook-id")).containsOnly(
                attempts.get(0).headers().get("webhook-id"));
        assertThat(verify(secret, attempts).findValuesAsText("ok")).containsOnly("true");
        String id = created.path("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(id, "delivered") == 1);
        assertThat(delivered(id, "failed")).isEqualTo(2);
        assertThat(get("/admin/subscriptions/" + id).path("consecutiveFailures").asInt()).isZero();
    }

    @Test
    void anEndpointFailingOnAndOnIsDisabledThenEnabledAndItsDeadLettersReplayed() throws Exception {
        JsonNode created = create("{\"name\":\"down\",\"url\":\"" + hookUrl() + "\",\"eventTypes\":[\"*\"]}");
        String id = created.path("id").asText();
        failuresLeft.set(Integer.MAX_VALUE);
        String first = "conv-down-a-" + UUID.randomUUID();
        String second = "conv-down-b-" + UUID.randomUUID();

        new PrivacyClient(port, ADMIN_KEY).message(customer(), first, "one");
        new PrivacyClient(port, ADMIN_KEY).message(customer(), second, "two");

        await().atMost(Duration.ofSeconds(20)).until(() -> !get("/admin/subscriptions/" + id).path("enabled")
                .asBoolean());
        JsonNode disabled = get("/admin/subscriptions/" + id);
        assertThat(disabled.path("disabledReason").asText()).contains("4 consecutive failed attempts");
        await().atMost(Duration.ofSeconds(20)).until(() -> deadLetters(id).size() == 2);
        int calls = received.size();
        // the 4th failure disabled it; a 5th attempt may have been in flight on the other worker
        assertThat(calls).as("attempts made before the endpoint was disabled").isBetween(4, 5);
        assertThat(delivered(id, "disabled")).isEqualTo(1);

        failuresLeft.set(0);
        assertThat(post("/admin/subscriptions/" + id + "/enable").path("enabled").asBoolean()).isTrue();
        for (JsonNode letter : deadLetters(id)) {
            assertThat(post("/admin/dead-letters/" + letter.path("id").asText() + "/replay").has("replayed")).isTrue();
        }

        awaitDeliveries(first, 1);
        awaitDeliveries(second, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(id, "delivered") == 2);
        assertThat(get("/admin/subscriptions/" + id).path("consecutiveFailures").asInt()).isZero();
    }

    private static Received find(List<Received> deliveries, String type) {
        return deliveries.stream().filter(r -> r.body().contains("\"type\":\"" + type + "\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " delivered"));
    }

    private JsonNode verify(String secret, List<Received> deliveries) throws Exception {
        ObjectNode input = json.createObjectNode().put("secret", secret);
        ArrayNode items = input.putArray("deliveries");
        for (Received delivery : deliveries) {
            ObjectNode item = items.addObject();
            item.put("body", delivery.body());
            ObjectNode headers = item.putObject("headers");
            for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
                headers.put(name, delivery.headers().get(name));
            }
        }
        Path file = Files.createTempFile("deliveries-", ".json");
        Files.writeString(file, json.writeValueAsString(input));
        ExternalTools.Result result = ExternalTools.node(VERIFIER, "verify.mjs", file.toString());
        Files.deleteIfExists(file);
        assertThat(result.ok()).as(result.output()).isTrue();
        String output = result.output().strip();
        return json.readTree(output.substring(output.lastIndexOf('\n') + 1));
    }

    private List<JsonNode> deadLetters(String subscription) throws Exception {
        List<String> ours = jdbc.queryForList("SELECT id FROM subscriber_deliveries WHERE subscription_id = ?",
                String.class, subscription);
        List<JsonNode> letters = new java.util.ArrayList<>();
        get("/admin/dead-letters?source=subscriber-delivery&limit=100").path("items").forEach(letter -> {
            if (ours.contains(letter.path("eventId").asText())) {
                letters.add(letter);
            }
        });
        return letters;
    }

    private void postEvent(String conversation, String type) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/conversations/" + conversation
                        + "/events"))
                .header("Authorization", "Bearer " + io.switchboard.support.Tokens.forCustomer(customer(),
                        "conversations:write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"" + type
                        + "\",\"at\":\"2026-11-24T06:05:00Z\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }
}
