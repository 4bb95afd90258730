package io.switchboard.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The domain events' side of the outbox relay when {@code switchboard.events.bus} is {@code kafka}: each message of
 * {@code switchboard.events} becomes a record of the configured topic, keyed by the event's subject (an order
 * number, a conversation id, ...) so that one subject's events stay in one partition, in order. The producer is
 * idempotent ({@code enable.idempotence}, {@code acks=all}): a retry inside the client never writes a record twice
 * nor out of order, and the relay deletes its rows only once every record of the batch is acknowledged
 * ({@link #awaitAcks}). Domain events are CloudEvents in structured mode ({@code content-type:
 * application/cloudevents+json}), vendor events as received plain JSON ({@code application/json}); each record has
 * its outbox row's {@code eventFormat} and {@code traceparent} as headers.
 */
@Component
@ConditionalOnProperty(name = "switchboard.events.bus", havingValue = "kafka")
public class KafkaEventBus implements AutoCloseable {

    static final String CONTENT_TYPE = "application/cloudevents+json";

    private final KafkaProducer<String, String> producer;
    private final EventsProperties.Kafka settings;
    private final ObjectMapper json;

    public KafkaEventBus(EventsProperties events, ObjectMapper json) {
        this.settings = events.kafka();
        this.json = json;
        Map<String, Object> config = new HashMap<>(settings.properties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "switchboard-outbox-relay");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // idempotence keeps the order per partition with up to 5 requests in flight
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // a send with no broker in sight waits at most this long, like the acknowledgements
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.sendTimeout().toMillis());
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** The topic domain events go to. */
    public String topic() {
        return settings.topic();
    }

    /**
     * Sends one message of {@code switchboard.events} ({@code format}: its outbox row's, null for a row written before
     * rows had one); {@link #awaitAcks} waits for it.
     */
    public Future<RecordMetadata> send(String body, String traceparent, String format) {
        ProducerRecord<String, String> record = new ProducerRecord<>(settings.topic(), key(body), body);
        boolean asReceived = EventOutbox.AS_RECEIVED.equals(format);
        record.headers().add("content-type", (asReceived ? "application/json" : CONTENT_TYPE)
                .getBytes(StandardCharsets.UTF_8));
        if (format != null) {
            record.headers().add(OutboxRelay.FORMAT_PROPERTY, format.getBytes(StandardCharsets.UTF_8));
        }
        if (traceparent != null) {
            record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
        }
        return producer.send(record);
    }

    /** Waits until the brokers acknowledged every record sent, or throws: then none may be taken as published. */
    public void awaitAcks(List<Future<RecordMetadata>> sent) {
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        try {
            for (Future<RecordMetadata> record : sent) {
                record.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Kafka acknowledged domain events", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not acknowledge domain events: " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge domain events within "
                    + settings.sendTimeout(), e);
        }
    }

    /**
     * The record key: the CloudEvent's {@code subject}; for a vendor event as received (no CloudEvent), the order
     * or else the customer among its {@code subjects}, so that it goes with that order's domain events; none (any
     * partition) when there is neither.
     */
    String key(String body) {
        try {
            JsonNode event = json.readTree(body);
            if (event == null) {
                return null;
            }
            for (JsonNode subject : List.of(event.path("subject"), event.path("subjects").path("order"),
                    event.path("subjects").path("customer"))) {
                if (subject.isTextual() || subject.isNumber()) {
                    return subject.asText();
                }
            }
            return null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return null;
        }
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
