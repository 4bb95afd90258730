package io.switchboard.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.errors.NotFound;
import io.switchboard.errors.UpstreamUnavailable;
import io.switchboard.events.CacheEvictions;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.EventOutbox.Publication;
import io.switchboard.events.EventOutbox;
import io.switchboard.jobs.JobQueue;
import io.switchboard.messaging.WebhookQueues;
import io.switchboard.model.Order;
import io.switchboard.model.OrderStatus;
import io.switchboard.tracing.RequestIds;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The cancellations customers asked for, one per order, kept in PostgreSQL (order_cancellations) so that a repeat
 * on any instance gets the same answer and no second job. Accepting one records it and puts its job on the broker
 * queue {@code jobs.order-cancellation} in one go; the job's route (routes/jobs/order-cancellation.camel.yaml) reports
 * back here,
 * and each outcome is recorded together with its domain event ({@code order.cancelled} or
 * {@code order.cancellation_failed} on switchboard.events) and the order's cache eviction on every instance, in one
 * transaction of the event outbox.
 */
@Component("orderCancellations")
public class OrderCancellations {

    static final String SOURCE = "switchboard";
    /** The CloudEvents source of the outcomes. */
    static final String EVENT_SOURCE = "/switchboard/orders/cancellations";
    static final String CANCELLED = "order.cancelled";
    static final String FAILED = "order.cancellation_failed";
    static final String EVENTS_TOPIC = "switchboard.events";

    private static final Logger log = LoggerFactory.getLogger(OrderCancellations.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final JmsTemplate jms;
    private final EventOutbox outbox;
    private final OrderCancellationPolicy policy;
    private final JobQueue jobQueue;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public OrderCancellations(JdbcTemplate jdbc, TransactionTemplate transaction, ConnectionFactory connections,
                              EventOutbox outbox, OrderCancellationPolicy policy,
                              @Qualifier("orderCancellationJobQueue") JobQueue jobQueue,
                              ObjectMapper json, MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.jms = new JmsTemplate(connections);
        this.jms.setExplicitQosEnabled(true);
        this.jms.setDeliveryMode(DeliveryMode.PERSISTENT);
        this.outbox = outbox;
        this.policy = policy;
        this.jobQueue = jobQueue;
        this.json = json;
        this.metrics = metrics;
    }

    /**
     * Accepts the customer's request to cancel their order (as just read): an order cancelled already needs
     * nothing; one that can no longer be cancelled is {@code 409 conflict}; otherwise the first request, or the
     * first after a failed cancellation, records it and queues its job (one database transaction around the
     * broker's confirmed send: no row without its job). A request while one is under way or done queues nothing.
     */
    public void request(Order order) {
        if (!policy.needsVendorCancel(order)) {
            return;
        }
        CancellationJob job = new CancellationJob(UUID.randomUUID().toString(), order.orderNumber(), order.customerId());
        boolean queued;
        try {
            queued = Boolean.TRUE.equals(transaction.execute(status -> {
                List<String> claimed = jdbc.queryForList("INSERT INTO order_cancellations"
                        + " (order_number, customer_id, job_id, state) VALUES (?, ?, ?, 'requested')"
                        + " ON CONFLICT (order_number) DO UPDATE SET customer_id = EXCLUDED.customer_id,"
                        + " job_id = EXCLUDED.job_id, state = 'requested', reason = NULL, requested_at = now(),"
                        + " updated_at = now() WHERE order_cancellations.state = 'failed' RETURNING job_id",
                        String.class, job.orderNumber(), job.customerId(), job.jobId());
                if (claimed.isEmpty()) {
                    return false;
                }
                enqueue(job);
                return true;
            }));
        } catch (JmsException e) {
            log.warn("Broker did not take the cancellation of order {}: {}", job.orderNumber(), e.getClass().getSimpleName());
            throw new UpstreamUnavailable("broker", Duration.ofSeconds(5));
        }
        if (queued) {
            count("requested");
        }
    }

    /**
     * Whether a job already has its outcome (a copy redelivered after a crash is then dropped). A job reported failed
     * because the vendor stayed unavailable has none that a replay of its dead letter could not change.
     */
    public boolean settled(CancellationJob job) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM order_cancellations"
                + " WHERE order_number = ? AND job_id = ? AND (state = 'cancelled'"
                + " OR (state = 'failed' AND reason IS DISTINCT FROM 'vendor_unavailable')))",
                Boolean.class, job.orderNumber(), job.jobId()));
    }

    /** The vendor cancelled the order (or it was cancelled already). */
    public void cancelled(CancellationJob job) {
        settle(job, "cancelled", null, CANCELLED);
        count("cancelled");
        log.info("Order {} cancelled", job.orderNumber());
    }

    /** The order cannot be cancelled (shipped or refunded meanwhile, refused by the vendor, gone): no retry. */
    public void refused(CancellationJob job, Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = failure instanceof NotFound ? "not_found" : "not_cancellable";
        settle(job, "failed", reason, FAILED);
        count("failed");
        log.info("Order {} not cancelled: {}", job.orderNumber(), reason);
    }

    /**
     * A job that failed otherwise (the vendor down, slow or rate limiting) on every attempt of its schedule, now
     * dead-lettered: the cancellation is reported failed.
     */
    public void deadLettered(CancellationJob job) {
        count("dead_lettered");
        settle(job, "failed", "vendor_unavailable", FAILED);
    }

    /** The job's message: the job as JSON, named by its id (as the admin API lists its dead letter). */
    private void enqueue(CancellationJob job) {
        String body = write(job);
        String requestId = MDC.get(RequestIds.MDC_KEY);
        jms.send(jobQueue.queue(), session -> {
            TextMessage message = session.createTextMessage(body);
            message.setStringProperty(WebhookQueues.EVENT_ID, job.jobId());
            if (requestId != null) {
                message.setStringProperty(WebhookQueues.REQUEST_ID, requestId);
            }
            return message;
        });
    }

    private void settle(CancellationJob job, String state, String reason, String eventType) {
        outbox.commit(() -> jdbc.update("INSERT INTO order_cancellations"
                        + " (order_number, customer_id, job_id, state, reason) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (order_number) DO UPDATE SET state = EXCLUDED.state, reason = EXCLUDED.reason,"
                        + " updated_at = now() WHERE order_cancellations.job_id = EXCLUDED.job_id",
                        job.orderNumber(), job.customerId(), job.jobId(), state, reason),
                List.of(Publication.cloudEvent(EVENTS_TOPIC, write(event(job, eventType, reason)), SOURCE, eventType),
                        new Publication(CacheEvictions.TOPIC, "order:" + job.orderNumber(), SOURCE, eventType)));
    }

    /** The outcome as a domain event (a CloudEvent, docs/events.md): its id is the job's, for consumers to dedupe by. */
    private DomainEvent event(CancellationJob job, String type, String reason) {
        ObjectNode data = json.createObjectNode()
                .put("orderNumber", job.orderNumber())
                .put("status", CANCELLED.equals(type) ? OrderStatus.CANCELLED.wireName() : "cancellation_failed");
        if (reason != null) {
            data.put("reason", reason);
        }
        return DomainEvent.of("cancellation:" + job.jobId(), EVENT_SOURCE, type, job.orderNumber(), Instant.now(),
                job.customerId(), data);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serializable", e);
        }
    }

    private void count(String outcome) {
        Counter.builder("switchboard.order.cancellations").tag("outcome", outcome)
                .description("Order cancellations: requested, cancelled, failed, dead_lettered")
                .register(metrics).increment();
    }
}
