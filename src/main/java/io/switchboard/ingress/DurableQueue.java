package io.switchboard.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.errors.UpstreamUnavailable;
import io.switchboard.ingress.verification.WebhookDelivery;
import io.switchboard.messaging.BackgroundLoop;
import io.switchboard.messaging.QueuedMessages;
import io.switchboard.messaging.TransactedSession;
import io.switchboard.messaging.WebhookQueues;
import io.switchboard.messaging.WebhookRetries;
import io.switchboard.tracing.RequestIds;
import io.switchboard.tracing.TraceParent;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts verified deliveries on their sources' durable queues and returns only once the broker has committed them.
 * Deliveries that arrive together are handled together (group commit): a few sender threads each take whatever is
 * waiting, claim their receipts in one statement (an event on record already is a repeat: answered as a duplicate,
 * not sent), send the rest in one transacted session, one message per source ({@link QueuedMessages#bundle}), and
 * commit once, so one journal sync confirms many deliveries.
 * A broker that cannot confirm within {@code switchboard.webhooks.enqueue-timeout} makes the vendor retry (503).
 */
@Component
public class DurableQueue extends BackgroundLoop {

    private static final Logger log = LoggerFactory.getLogger(DurableQueue.class);

    private record Pending(WebhookDelivery delivery, String eventId, String eventType, Instant receivedAt,
                           String requestId, String traceparent, CompletableFuture<Boolean> duplicate) {

        String source() {
            return delivery.source();
        }
    }

    private final ConnectionFactory connections;
    private final WebhookReceipts receipts;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final TraceParent traceParent;
    private final Duration timeout;
    private final int maxBatch;
    private final BlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();

    public DurableQueue(ConnectionFactory connections, WebhookReceipts receipts, TransactionTemplate transaction,
                        ObjectMapper json, TraceParent traceParent,
                        WebhookProperties properties,
                        @Value("${switchboard.webhooks.enqueue-senders:4}") int senders,
                        @Value("${switchboard.webhooks.enqueue-max-batch:128}") int maxBatch) {
        super("webhook-enqueue", senders);
        this.connections = connections;
        this.receipts = receipts;
        this.transaction = transaction;
        this.json = json;
        this.traceParent = traceParent;
        this.timeout = properties.enqueueTimeout();
        this.maxBatch = maxBatch;
    }

    /**
     * Returns once the delivery is committed on the broker, or known to be a repeat; throws 503 when neither is
     * known in time.
     *
     * @return true when the event was received before (and is not enqueued again)
     */
    public boolean enqueue(WebhookDelivery delivery, String eventId, String eventType, Instant receivedAt) {
        if (!isRunning()) {
            throw new UpstreamUnavailable("broker", Duration.ofSeconds(5));
        }
        // each delivery its own trace (the vendor's, or a new one), carried in its properties, bundled or not
        Pending pending = new Pending(delivery, eventId, eventType, receivedAt, MDC.get(RequestIds.MDC_KEY),
                traceParent.incomingOrNew(delivery.header(TraceParent.PROPERTY)), new CompletableFuture<>());
        waiting.add(pending);
        try {
            return pending.duplicate().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            log.warn("Broker did not take a {} delivery: {}", delivery.source(), e.getClass().getSimpleName());
            throw new UpstreamUnavailable("broker", Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailable("broker", Duration.ofSeconds(5));
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
                List<Pending> fresh = transaction.execute(status -> claimAndSend(batch, session, producers));
                Set<Pending> sent = Collections.newSetFromMap(new IdentityHashMap<>());
                sent.addAll(fresh);
                batch.forEach(pending -> pending.duplicate().complete(!sent.contains(pending)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (JMSException | RuntimeException e) {
                log.warn("Enqueue of {} deliveries failed: {}", batch.size(), e.toString());
                batch.forEach(pending -> pending.duplicate().completeExceptionally(e));
                transacted.reset();
                producers.clear();
                pause(100);   // a broker that is down is not hammered
            } finally {
                batch.clear();
            }
        }
        transacted.close();
    }

    /**
     * Claims the batch's receipts and sends the deliveries that were not repeats, committing the broker's transaction
     * inside the database's: a receipt is kept only if its delivery is on the broker. (A crash between the two commits
     * leaves a delivery without its receipt: a repeat of it is enqueued again, and the workers drop it.)
     *
     * @return the deliveries sent
     */
    private List<Pending> claimAndSend(List<Pending> batch, Session session, Map<String, MessageProducer> producers) {
        Set<WebhookReceipts.Receipt> claimed = receipts.claimReceived(batch.stream()
                .map(pending -> new WebhookReceipts.Receipt(pending.source(), pending.eventId())).distinct().toList());
        List<Pending> fresh = new ArrayList<>(claimed.size());
        for (Pending pending : batch) {
            // the first copy of a new event in the batch is sent; later copies are repeats
            if (claimed.remove(new WebhookReceipts.Receipt(pending.source(), pending.eventId()))) {
                fresh.add(pending);
            }
        }
        try {
            for (List<WebhookRetries.Queued> group : QueuedMessages.groups(fresh.stream().map(this::queued).toList())) {
                String source = group.get(0).property(WebhookQueues.SOURCE);
                producer(session, producers, source).send(group.size() == 1
                        ? QueuedMessages.one(session, group.get(0))
                        : QueuedMessages.bundle(session, group));
            }
            session.commit();
        } catch (JMSException e) {
            throw new IllegalStateException("the broker did not take the deliveries", e);
        }
        return fresh;
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

    private WebhookRetries.Queued queued(Pending pending) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(WebhookQueues.SOURCE, pending.source());
        properties.put(WebhookQueues.EVENT_ID, pending.eventId());
        if (pending.eventType() != null) {
            properties.put(WebhookQueues.EVENT_TYPE, pending.eventType());
        }
        properties.put(WebhookQueues.RECEIVED_AT, pending.receivedAt().toString());
        properties.put(WebhookQueues.HEADERS, headersJson(pending.delivery()));
        if (pending.requestId() != null) {
            properties.put(WebhookQueues.REQUEST_ID, pending.requestId());
        }
        if (pending.traceparent() != null) {
            properties.put(TraceParent.PROPERTY, pending.traceparent());
        }
        return new WebhookRetries.Queued(pending.delivery().body(), properties);
    }

    /** The delivery's headers as kept with it: without credentials (Authorization, verified already). */
    private String headersJson(WebhookDelivery delivery) {
        try {
            Map<String, String> kept = new java.util.LinkedHashMap<>(delivery.headers());
            kept.remove("authorization");
            return json.writeValueAsString(kept);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("headers not serializable", e);
        }
    }

    /** Deliveries still waiting when the hub stops get 503: the vendor retries them. */
    @Override
    protected void stopped() {
        waiting.forEach(pending -> pending.duplicate().completeExceptionally(new IllegalStateException("stopping")));
    }
}
