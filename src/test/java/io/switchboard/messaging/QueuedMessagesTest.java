package io.switchboard.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.HubTest;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Deliveries survive the trip through the broker exactly, alone or bundled. */
@HubTest
class QueuedMessagesTest {

    @Autowired
    ConnectionFactory connections;

    @Test
    void aBundleGivesBackEachDeliverysBytesAndProperties() throws Exception {
        byte[] binary = {0, (byte) 0xff, (byte) 0xc3, 10, 13};
        String longHeaders = "{\"x-long\":\"" + "é".repeat(40_000) + "\"}";   // beyond writeUTF's 64 KiB
        List<WebhookRetries.Queued> sent = List.of(
                delivery("{\"type\":\"ünïcode ✓\"}".getBytes(StandardCharsets.UTF_8), "evt-1", "{}"),
                delivery(new byte[0], "evt-2", longHeaders),
                delivery(binary, "evt-3", "{\"content-type\":\"application/octet-stream\"}"));

        List<WebhookRetries.Queued> received = roundTrip(session -> QueuedMessages.bundle(session, sent));

        assertThat(received).hasSize(3);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(received.get(i).body()).isEqualTo(sent.get(i).body());
            assertThat(received.get(i).properties()).isEqualTo(sent.get(i).properties());
        }
    }

    @Test
    void deliveriesAreGroupedBySourceInBundlesOfBoundedSize() {
        byte[] large = new byte[QueuedMessages.MAX_BUNDLE_BYTES / 3];
        List<WebhookRetries.Queued> deliveries = List.of(
                delivery(large, "a1", "{}"), delivery(large, "a2", "{}"), delivery(large, "a3", "{}"),
                other("b1"), delivery(new byte[QueuedMessages.MAX_BUNDLE_BYTES * 2], "a4", "{}"), other("b2"));

        List<List<String>> groups = QueuedMessages.groups(deliveries).stream()
                .map(group -> group.stream().map(d -> d.property(WebhookQueues.EVENT_ID)).toList()).toList();

        // the third third of the limit with its properties is over it; the oversized one goes alone
        assertThat(groups).containsExactly(List.of("a1", "a2"), List.of("a3"), List.of("a4"), List.of("b1", "b2"));
    }

    private static WebhookRetries.Queued other(String eventId) {
        return new WebhookRetries.Queued(new byte[10], Map.of(WebhookQueues.SOURCE, "other",
                WebhookQueues.EVENT_ID, eventId));
    }

    @Test
    void aSingleDeliveryIsAMessageOfItsOwn() throws Exception {
        WebhookRetries.Queued sent = delivery("{}".getBytes(StandardCharsets.UTF_8), "evt-single", "{}");

        List<WebhookRetries.Queued> received = roundTrip(session -> QueuedMessages.one(session, sent));

        assertThat(received).hasSize(1);
        assertThat(received.get(0).body()).isEqualTo(sent.body());
        assertThat(received.get(0).properties()).isEqualTo(sent.properties());
    }

    private static WebhookRetries.Queued delivery(byte[] body, String eventId, String headers) {
        return new WebhookRetries.Queued(body, Map.of(WebhookQueues.SOURCE, "acme", WebhookQueues.EVENT_ID, eventId,
                WebhookQueues.RECEIVED_AT, "2026-11-24T06:00:00Z", WebhookQueues.HEADERS, headers));
    }

    private interface Build {
        Message message(Session session) throws Exception;
    }

    private List<WebhookRetries.Queued> roundTrip(Build build) throws Exception {
        try (Connection connection = connections.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createTemporaryQueue();
            session.createProducer(queue).send(build.message(session));
            try (MessageConsumer consumer = session.createConsumer(queue)) {
                Message message = consumer.receive(5000);
                assertThat(message).isNotNull();
                return QueuedMessages.read(message);
            }
        }
    }
}
