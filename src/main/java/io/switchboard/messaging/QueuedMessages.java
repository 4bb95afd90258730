package io.switchboard.messaging;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deliveries as broker messages: one delivery per message (its raw body, its properties as message properties), or a
 * bundle of several deliveries of one source in one message. The door sends what arrived together for a source as a
 * bundle: one journal record, one dispatch and one acknowledgement for them all, where the broker's cost per message
 * was a quarter of the hub's CPU. The workers take bundles apart; a retry or dead letter is always a message of its
 * own, so that it fails, waits and is replayed alone.
 */
public final class QueuedMessages {

    /** Marks a bundle, holding the number of deliveries in it. */
    static final String BUNDLE = "webhookBundle";
    /**
     * Deliveries (bodies and properties) beyond this start another bundle, so that a bundle stays an ordinary message
     * (the broker streams messages from 100 KiB on through files of their own).
     */
    static final int MAX_BUNDLE_BYTES = 64 * 1024;

    private QueuedMessages() {
    }

    /**
     * The deliveries as they are to be sent: grouped by source, in order, each group of at most
     * {@link #MAX_BUNDLE_BYTES} (a larger delivery alone).
     */
    public static List<List<WebhookRetries.Queued>> groups(List<WebhookRetries.Queued> deliveries) {
        Map<String, List<List<WebhookRetries.Queued>>> bySource = new LinkedHashMap<>();
        Map<String, Integer> openBytes = new HashMap<>();
        for (WebhookRetries.Queued delivery : deliveries) {
            String source = delivery.property(WebhookQueues.SOURCE);
            List<List<WebhookRetries.Queued>> groups = bySource.computeIfAbsent(source, s -> new ArrayList<>());
            int size = size(delivery);
            int bytes = openBytes.getOrDefault(source, 0) + size;
            if (groups.isEmpty() || bytes > MAX_BUNDLE_BYTES) {
                groups.add(new ArrayList<>());
                bytes = size;
            }
            groups.get(groups.size() - 1).add(delivery);
            openBytes.put(source, bytes);
        }
        return bySource.values().stream().flatMap(List::stream).toList();
    }

    /** About the bytes a delivery takes in a bundle (characters of its properties, bytes of its body). */
    private static int size(WebhookRetries.Queued delivery) {
        int size = delivery.body().length;
        for (Map.Entry<String, Object> property : delivery.properties().entrySet()) {
            size += property.getKey().length() + property.getValue().toString().length();
        }
        return size;
    }

    /** One delivery as one message. */
    public static BytesMessage one(Session session, WebhookRetries.Queued delivery) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(delivery.body());
        for (Map.Entry<String, Object> property : delivery.properties().entrySet()) {
            message.setObjectProperty(property.getKey(), property.getValue());
        }
        return message;
    }

    /** Several deliveries of one source as one message: each delivery's string properties, then its body. */
    public static BytesMessage bundle(Session session, List<WebhookRetries.Queued> deliveries) throws JMSException {
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
    public static List<WebhookRetries.Queued> read(Message message) throws JMSException {
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
