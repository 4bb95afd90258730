package io.switchboard.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A subscriber to switchboard.events, subscribed before the delivery is posted. */
final class EventListener implements AutoCloseable {
    private final Connection connection;
    private final MessageConsumer consumer;
    private final ObjectMapper json = new ObjectMapper();

    EventListener(ConnectionFactory factory) throws Exception {
        connection = factory.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        consumer = session.createConsumer(session.createTopic("switchboard.events"));
        connection.start();
    }

    JsonNode next(String eventId) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            var message = consumer.receive(500);
            if (message != null) {
                JsonNode event = json.readTree(body(message));
                if (eventId.equals(event.path("id").asText())) {
                    return event;
                }
            }
        }
        throw new AssertionError("no event " + eventId + " on switchboard.events");
    }

    boolean another(String eventId, Duration wait) throws Exception {
        long deadline = System.currentTimeMillis() + wait.toMillis();
        while (System.currentTimeMillis() < deadline) {
            var message = consumer.receive(200);
            if (message != null && eventId.equals(json.readTree(body(message)).path("id").asText())) {
                return true;
            }
        }
        return false;
    }

    private static String body(jakarta.jms.Message message) throws Exception {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        jakarta.jms.BytesMessage bytes = (jakarta.jms.BytesMessage) message;
        byte[] data = new byte[(int) bytes.getBodyLength()];
        bytes.readBytes(data);
        return new String(data, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        connection.close();
    }
}
