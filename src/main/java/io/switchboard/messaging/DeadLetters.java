package io.switchboard.messaging;

import io.switchboard.errors.NotFound;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.jms.InvalidDestinationException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * The dead-letter queues of all webhook sources ({@code webhooks.<source>.dlq}) and jobs ({@code jobs.<name>.dlq}),
 * browsed without consuming, and the replay of one entry: moved back onto its queue with its attempts reset, in one
 * broker transaction.
 */
@Component
public class DeadLetters {

    private static final Pattern MESSAGE_ID = Pattern.compile("ID:[A-Za-z0-9:._-]{1,100}");

    private final JmsTemplate jms;
    private final RetryingQueues queues;

    public DeadLetters(JmsTemplate jms, RetryingQueues queues) {
        this.jms = new JmsTemplate(jms.getConnectionFactory());
        this.jms.setSessionTransacted(true);
        this.queues = queues;
    }

    /** One page of dead letters, oldest first, of one source (or job) or of all. */
    public List<DeadLetter> list(String source, int offset, int limit) {
        List<RetryingQueues.Retrying> listed = source == null
                ? List.copyOf(queues.all())
                : queues.find(source).map(List::of).orElse(List.of());
        List<DeadLetter> page = new ArrayList<>();
        int skipped = 0;
        for (RetryingQueues.Retrying queue : listed) {
            List<DeadLetter> all = browse(queue.deadLetters(), message -> describe(message));
            for (DeadLetter entry : all) {
                if (skipped++ < offset) {
                    continue;
                }
                if (page.size() == limit) {
                    return page;
                }
                page.add(entry);
            }
        }
        return page;
    }

    /** Moves one dead letter back onto its queue; not found when no dead-letter queue holds that id. */
    public DeadLetter replay(String id) {
        if (!MESSAGE_ID.matcher(id).matches()) {
            throw new NotFound("Dead letter " + id);
        }
        for (RetryingQueues.Retrying queue : queues.all()) {
            DeadLetter replayed = jms.execute(session -> {
                Queue dlq = session.createQueue(queue.deadLetters());
                try (MessageConsumer consumer = session.createConsumer(dlq, "JMSMessageID = '" + id + "'")) {
                    Message message = consumer.receive(200);
                    if (message == null) {
                        return null;
                    }
                    DeadLetter entry = describe(message);
                    try (MessageProducer producer = session.createProducer(session.createQueue(queue.queue()))) {
                        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                        producer.send(copyForReplay(session, (BytesMessage) message));
                    }
                    session.commit();
                    return entry;
                }
            }, true);
            if (replayed != null) {
                return replayed;
            }
        }
        throw new NotFound("Dead letter " + id);
    }

    /** A dead letter with its payload, for a customer's export. */
    public record Carried(DeadLetter entry, byte[] payload) {
    }

    /** The dead letters, of every queue, whose payload {@code about} matches (browsed, not consumed). */
    public List<Carried> carrying(Predicate<byte[]> about) {
        return carrying(null, about);
    }

    /** The same, of one source's (or job's) queue only; null: of every queue. */
    public List<Carried> carrying(String source, Predicate<byte[]> about) {
        List<Carried> found = new ArrayList<>();
        for (RetryingQueues.Retrying queue : source == null ? queues.all() : queues.find(source).stream().toList()) {
            found.addAll(browse(queue.deadLetters(), message -> {
                byte[] payload = payload(message);
                return about.test(payload) ? new Carried(describe(message), payload) : null;
            }));
        }
        return found;
    }

    /**
     * Empties the payload of every dead letter {@code about} matches (an erased customer's): each is replaced, in
     * one broker transaction per letter, by a copy with its description (source, event id, type, attempts, reason)
     * and no payload, which a replay then applies as an empty event.
     *
     * @return how many were emptied
     */
    public int erasePayloads(Predicate<byte[]> about, String note) {
        return erasePayloads(null, about, note);
    }

    /** The same, of one source's (or job's) queue only; null: of every queue. */
    public int erasePayloads(String source, Predicate<byte[]> about, String note) {
        int erased = 0;
        for (Carried carried : carrying(source, about)) {
            for (RetryingQueues.Retrying queue : queues.all()) {
                Boolean done = jms.execute(session -> {
                    Queue dlq = session.createQueue(queue.deadLetters());
                    try (MessageConsumer consumer = session.createConsumer(dlq,
                            "JMSMessageID = '" + carried.entry().id() + "'")) {
                        Message message = consumer.receive(200);
                        if (message == null) {
                            return false;
                        }
                        BytesMessage emptied = session.createBytesMessage();
                        for (String property : Collections.list((Enumeration<String>) message.getPropertyNames())) {
                            if (!property.startsWith("JMS") && !property.startsWith("_AMQ")) {
                                emptied.setObjectProperty(property, message.getObjectProperty(property));
                            }
                        }
                        emptied.setStringProperty(WebhookQueues.FAILURE, note);
                        try (MessageProducer producer = session.createProducer(dlq)) {
                            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                            producer.send(emptied);
                        }
                        session.commit();
                        return true;
                    }
                }, true);
                if (Boolean.TRUE.equals(done)) {
                    erased++;
                    break;
                }
            }
        }
        return erased;
    }

    /** Deletes the dead letters dead-lettered before {@code cutoff}, of every queue; answers how many. */
    public int purgeOlderThan(Instant cutoff) {
        int purged = 0;
        for (RetryingQueues.Retrying queue : queues.all()) {
            int turn;
            do {
                turn = jms.execute(session -> {
                    int taken = 0;
                    try (MessageConsumer consumer = session.createConsumer(session.createQueue(queue.deadLetters()),
                            "JMSTimestamp < " + cutoff.toEpochMilli())) {
                        while (taken < 500 && consumer.receive(100) != null) {
                            taken++;
                        }
                    }
                    session.commit();
                    return taken;
                }, true);
                purged += turn;
            } while (turn == 500);
        }
        return purged;
    }

    /** What a message of the queue reads as (null: skipped), without consuming; none when no such queue exists. */
    private <T> List<T> browse(String queue, MessageReader<T> reader) {
        try {
            List<T> read = jms.browse(queue, (session, browser) -> {
                List<T> entries = new ArrayList<>();
                for (Message message : Collections.list((Enumeration<Message>) browser.getEnumeration())) {
                    T entry = reader.read(message);
                    if (entry != null) {
                        entries.add(entry);
                    }
                }
                return entries;
            });
            return read == null ? List.of() : read;
        } catch (InvalidDestinationException e) {
            return List.of();   // never dead-lettered to, or removed by the broker once emptied
        }
    }

    @FunctionalInterface
    private interface MessageReader<T> {
        T read(Message message) throws JMSException;
    }

    private static byte[] payload(Message message) throws JMSException {
        if (message instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            bytes.reset();
            return body;
        }
        String text = message.getBody(String.class);
        return text == null ? new byte[0] : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static BytesMessage copyForReplay(jakarta.jms.Session session, BytesMessage dead) throws JMSException {
        byte[] body = new byte[(int) dead.getBodyLength()];
        dead.readBytes(body);
        BytesMessage copy = session.createBytesMessage();
        copy.writeBytes(body);
        for (String property : List.of(WebhookQueues.SOURCE, WebhookQueues.EVENT_ID, WebhookQueues.EVENT_TYPE,
                WebhookQueues.RECEIVED_AT, WebhookQueues.HEADERS)) {
            if (dead.propertyExists(property)) {
                copy.setStringProperty(property, dead.getStringProperty(property));
            }
        }
        return copy;
    }

    private static DeadLetter describe(Message message) throws JMSException {
        String receivedAt = message.getStringProperty(WebhookQueues.RECEIVED_AT);
        return new DeadLetter(
                message.getJMSMessageID(),
                message.getStringProperty(WebhookQueues.SOURCE),
                message.getStringProperty(WebhookQueues.EVENT_ID),
                message.getStringProperty(WebhookQueues.EVENT_TYPE),
                receivedAt == null ? null : Instant.parse(receivedAt),
                message.propertyExists(WebhookQueues.ATTEMPT) ? message.getIntProperty(WebhookQueues.ATTEMPT) : 0,
                message.getStringProperty(WebhookQueues.FAILURE));
    }
}
