package io.switchboard.ingress;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deliveries as broker messages: one delivery per message (its raw body, its properties as message properties), or a
 * bundle of several deliveries of one source in one message. The door sends what arrived together for a source as a
 * bundle: one journal record, one dispatch and one acknowledgement for them all, where the broker's cost per message
 * was a quarter of the hub's CPU. The workers take bundles apart; a retry or dead letter is always a message of its
 * own, so that it fails, waits and is replayed alone.
 */
final class QueuedMessages {

    /** Marks a bundle, holding the number of deliveries in it. */
    static final String BUNDLE = "webhookBundle";

    private QueuedMessages() {
    }

    /** One delivery as one message. */
    static BytesMessage one(Session session, WebhookRetries.Queued delivery) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(delivery.body());
        for (Map.Entry<String, Object> property : delivery.properties().entrySet()) {
            message.setObjectProperty(property.getKey(), property.getValue());
        }
        return message;
    }

    /** Several deliveries of one source as one message: each delivery's string properties, then its body. */
    static BytesMessage bundle(Session session, List<WebhookRetries.Queued> deliveries) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.setIntProperty(BUNDLE, deliveries.size());
        message.setStringProperty(WebhookQueues.SOURCE, deliveries.get(0).property(WebhookQueues.SOURCE));
        for (WebhookRetries.Queued delivery : deliveries) {
            message.writeInt(delivery.properties().size());
            for (Map.Entry<String, Object> property : delivery.properties().entrySet()) {
                message.writeUTF(property.getKey());
                writeBytes(message, property.getValue().toString().getBytes(StandardCharsets.UTF_8));
            }
            writeBytes(message, delivery.body());
        }
        return message;
    }

    /** The deliveries a message holds: a bundle's, or the message's own. */
    static List<WebhookRetries.Queued> read(Message message) throws JMSException {
        if (!message.propertyExists(BUNDLE)) {
            return List.of(WebhookRetries.Queued.of(message));
        }
        BytesMessage bundle = (BytesMessage) message;
        int count = message.getIntProperty(BUNDLE);
        List<WebhookRetries.Queued> deliveries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int properties = bundle.readInt();
            Map<String, Object> read = new HashMap<>(properties * 2);
            for (int p = 0; p < properties; p++) {
                read.put(bundle.readUTF(), new String(readBytes(bundle), StandardCharsets.UTF_8));
            }
            deliveries.add(new WebhookRetries.Queued(readBytes(bundle), read));
        }
        return deliveries;
    }

    private static void writeBytes(BytesMessage message, byte[] bytes) throws JMSException {
        message.writeInt(bytes.length);
        message.writeBytes(bytes);
    }

    private static byte[] readBytes(BytesMessage message) throws JMSException {
        byte[] bytes = new byte[message.readInt()];
        if (bytes.length > 0 && message.readBytes(bytes) != bytes.length) {
            throw new IllegalStateException("a webhook bundle ended early");
        }
        return bytes;
    }
}
