package io.switchboard.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.ApiException;
import io.switchboard.api.RequestIds;
import io.switchboard.jobs.BackgroundLoop;
import io.switchboard.jobs.TransactedSession;
import jakarta.jms.BytesMessage;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Puts verified deliveries on their sources' durable queues and returns only once the broker has committed them.
 * Deliveries that arrive together are committed together (group commit): a few sender threads each take whatever
 * is waiting, send it in one transacted session and commit once, so one journal sync confirms many deliveries.
 * Then their receipts are recorded in one statement. A broker that cannot confirm within
 * {@code switchboard.webhooks.enqueue-timeout} makes the vendor retry (503).
 */
@Component
public class DurableQueue extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(DurableQueue.class);

    private record Pending(WebhookDelivery delivery, String eventId, String eventType, Instant receivedAt,
                           String requestId, CompletableFuture<Void> done) {
    }

    private final ConnectionFactory connections;
    private final WebhookReceipts receipts;
    private final ObjectMapper json;
    private final Duration timeout;
    private final int maxBatch;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();

    public DurableQueue(ConnectionFactory connections, WebhookReceipts receipts, ObjectMapper json,
                        WebhookProperties properties,
                        @Value("${switchboard.webhooks.enqueue-senders:4}") int senders,
                        @Value("${switchboard.webhooks.enqueue-max-batch:128}") int maxBatch) {
        super("webhook-enqueue", senders);
        this.connections = connections;
        this.receipts = receipts;
        this.json = json;
        this.timeout = properties.enqueueTimeout();
        this.maxBatch = maxBatch;
    }

    /** Returns once the delivery is committed on the broker; throws 503 when it could not be in time. */
    public void enqueue(WebhookDelivery delivery, String eventId, String eventType, Instant receivedAt) {
        if (!isRunning()) {
            throw ApiException.unavailable("broker", Duration.ofSeconds(5));
        }
        Pending pending = new Pending(delivery, eventId, eventType, receivedAt, MDC.get(RequestIds.MDC_KEY),
                new CompletableFuture<>());
        waiting.add(pending);
        try {
            pending.done().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("Broker did not take a {} delivery: {}", delivery.source(), e.getClass().getSimpleName());
            throw ApiException.unavailable("broker", Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("broker", Duration.ofSeconds(5));
        }
    }

    /** One sender: a transacted session of its own, reopened after a failure. */
    @Override
    protected void work() {
        TransactedSession transacted = new TransactedSession(connections);
        Map<String, MessageProducer> producers = new HashMap<>();
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (isRunning()) {
            try {
                Pending first = waiting.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, maxBatch - 1);
                Session session = transacted.get();
                for (Pending pending : batch) {
                    producer(session, producers, pending.delivery().source()).send(message(session, pending));
                }
                session.commit();
                recordReceipts(batch);
                batch.forEach(pending -> pending.done().complete(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (JMSException | RuntimeException e) {
                log.warn("Enqueue of {} deliveries failed: {}", batch.size(), e.toString());
                batch.forEach(pending -> pending.done().completeExceptionally(e));
                transacted.reset();
                producers.clear();
                pause(100);   // a broker that is down is not hammered
            } finally {
                batch.clear();
            }
        }
        transacted.close();
    }

    private void recordReceipts(List<Pending> batch) {
        try {
            receipts.recordAll(batch.stream()
                    .map(p -> new WebhookReceipts.Receipt(p.delivery().source(), p.eventId())).toList());
        } catch (RuntimeException e) {
            // the deliveries are committed on the broker, so they are acknowledged; a repeat is caught by the workers
            log.warn("Receipts for {} deliveries not recorded: {}", batch.size(), e.getClass().getSimpleName());
        }
    }

    private static MessageProducer producer(Session session, Map<String, MessageProducer> producers, String source)
            throws JMSException {
        MessageProducer producer = producers.get(source);
        if (producer == null) {
            producer = session.createProducer(session.createQueue(WebhookQueues.queue(source)));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producers.put(source, producer);
        }
        return producer;
    }

    private BytesMessage message(Session session, Pending pending) throws JMSException {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(pending.delivery().body());
        message.setStringProperty(WebhookQueues.SOURCE, pending.delivery().source());
        message.setStringProperty(WebhookQueues.EVENT_ID, pending.eventId());
        if (pending.eventType() != null) {
            message.setStringProperty(WebhookQueues.EVENT_TYPE, pending.eventType());
        }
        message.setStringProperty(WebhookQueues.RECEIVED_AT, pending.receivedAt().toString());
        message.setStringProperty(WebhookQueues.HEADERS, headersJson(pending.delivery()));
        if (pending.requestId() != null) {
            message.setStringProperty(WebhookQueues.REQUEST_ID, pending.requestId());
        }
        return message;
    }

    private String headersJson(WebhookDelivery delivery) {
        try {
            return json.writeValueAsString(delivery.headers());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers not serializable", e);
        }
    }

    /** Deliveries still waiting when the hub stops get 503: the vendor retries them. */
    @Override
    protected void stopped() {
        waiting.forEach(pending -> pending.done().completeExceptionally(new IllegalStateException("stopping")));
    }
}
