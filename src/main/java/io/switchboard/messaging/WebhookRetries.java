package io.switchboard.messaging;

import io.switchboard.tracing.RequestIds;
import io.switchboard.tracing.TraceParent;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * What happens to a delivery whose processing failed: back on its queue, scheduled after the source's next retry
 * delay (with ±20 % jitter, so a vendor outage does not come back as one burst), or onto the source's dead-letter
 * queue with the failure reason once the schedule is used up. The copy is sent in the worker's broker transaction,
 * so the failed delivery is consumed if and only if its copy is stored. The hub's own jobs (the job workers of {@code jobs}) fail
 * the same way, on their own queues and schedules ({@link RetryingQueues}): as a Camel processor, in the transaction
 * of their route's JMS consumer.
 */
@Component
public class WebhookRetries implements Processor {

    /** Exchange property holding a job as it came off the queue, for a retry of it. */
    static final String DELIVERY = "webhookDelivery";
    /** Exchange property set true once a job worker's failed job went to its dead-letter queue. */
    public static final String DEAD_LETTERED = "webhookDeadLettered";

    /** The properties a delivery carries from one attempt to the next. */
    private static final List<String> KEPT = List.of(WebhookQueues.SOURCE, WebhookQueues.EVENT_ID,
            WebhookQueues.EVENT_TYPE, WebhookQueues.RECEIVED_AT, WebhookQueues.HEADERS, WebhookQueues.REQUEST_ID,
            TraceParent.PROPERTY);

    private static final Logger log = LoggerFactory.getLogger(WebhookRetries.class);

    private final RetryingQueues queues;
    private final WebhookMetrics metrics;
    private final JmsTemplate jms;

    public WebhookRetries(RetryingQueues queues, WebhookMetrics metrics, JmsTemplate jms) {
        this.queues = queues;
        this.metrics = metrics;
        this.jms = new JmsTemplate(jms.getConnectionFactory());
        this.jms.setSessionTransacted(true);
    }

    /** A delivery as it came off its queue: the raw body and the ingress's properties. */
    public record Queued(byte[] body, Map<String, Object> properties) {

        public static Queued of(Message message) throws JMSException {
            Map<String, Object> properties = new HashMap<>();
            for (String name : KEPT) {
                String value = message.getStringProperty(name);
                if (value != null) {
                    properties.put(name, value);
                }
            }
            if (message.propertyExists(WebhookQueues.ATTEMPT)) {
                properties.put(WebhookQueues.ATTEMPT, message.getIntProperty(WebhookQueues.ATTEMPT));
            }
            return new Queued(message.getBody(byte[].class), properties);
        }

        public String property(String name) {
            Object value = properties.get(name);
            return value == null ? null : value.toString();
        }
    }

    /** A job worker's first step: keeps the job as it came off the queue (its steps are free to change it). */
    public static void remember(Exchange exchange) {
        org.apache.camel.Message message = exchange.getMessage();
        Map<String, Object> properties = new HashMap<>();
        for (String name : KEPT) {
            Object value = message.getHeader(name);
            if (value != null) {
                properties.put(name, value);
            }
        }
        Object attempt = message.getHeader(WebhookQueues.ATTEMPT);
        if (attempt != null) {
            properties.put(WebhookQueues.ATTEMPT, attempt);
        }
        exchange.setProperty(DELIVERY, new Queued(message.getBody(byte[].class), properties));
        Object requestId = properties.get(WebhookQueues.REQUEST_ID);
        if (requestId != null) {
            MDC.put(RequestIds.MDC_KEY, requestId.toString());
        }
    }

    /** A job worker's dead-letter step: the job's key as it came off the queue, as the body again. */
    public static void restore(Exchange exchange) {
        exchange.getMessage().setBody(new String(exchange.getProperty(DELIVERY, Queued.class).body(),
                StandardCharsets.UTF_8));
    }

    /** A job worker's last step, whichever way the job went. */
    public static void forget() {
        MDC.remove(RequestIds.MDC_KEY);
    }

    /** A job worker's error handler: the failed job's copy, in the consumer's broker transaction. */
    @Override
    public void process(Exchange exchange) {
        try {
            Queued job = exchange.getProperty(DELIVERY, Queued.class);
            Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            boolean deadLettered = Boolean.TRUE.equals(jms.execute(session -> reschedule(session, job, failure), false));
            exchange.setProperty(DEAD_LETTERED, deadLettered);
        } finally {
            forget();
        }
    }

    /**
     * Sends the failed delivery's copy, to retry later or to rest in the dead-letter queue, through the session.
     *
     * @return true when it was dead-lettered, its schedule used up
     */
    public boolean reschedule(Session session, Queued message, Throwable failure) throws JMSException {
        String source = message.property(WebhookQueues.SOURCE);
        String attempts = message.property(WebhookQueues.ATTEMPT);
        int attempt = (attempts == null ? 0 : Integer.parseInt(attempts)) + 1;
        Throwable cause = failure instanceof DeliveryFailed && failure.getCause() != null
                ? failure.getCause() : failure;
        String reason = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        RetryingQueues.Retrying queue = queues.find(source).orElseGet(() -> RetryingQueues.webhook(source, List.of()));
        List<Duration> schedule = queue.retrySchedule();
        if (attempt <= schedule.size()) {
            long at = Instant.now().plus(Redelivery.jittered(schedule.get(attempt - 1))).toEpochMilli();
            send(session, queue.queue(), message, attempt, reason, at);
            metrics.retried(queue);
            log.warn("{} event {} failed (attempt {}), retrying in {}: {}", source,
                    message.property(WebhookQueues.EVENT_ID), attempt, schedule.get(attempt - 1), reason);
            return false;
        }
        send(session, queue.deadLetters(), message, attempt, reason, 0);
        metrics.deadLettered(queue);
        log.error("{} event {} failed {} times, dead-lettered: {}", source,
                message.property(WebhookQueues.EVENT_ID), attempt, reason);
        return true;
    }

    private static void send(Session session, String queue, Queued failed, int attempt, String reason,
                             long deliverAt) throws JMSException {
        BytesMessage copy = QueuedMessages.one(session, failed);
        copy.setIntProperty(WebhookQueues.ATTEMPT, attempt);
        copy.setStringProperty(WebhookQueues.FAILURE, reason.length() > 500 ? reason.substring(0, 500) : reason);
        if (deliverAt > 0) {
            copy.setLongProperty(Redelivery.SCHEDULED_DELIVERY, deliverAt);
        }
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(copy);
        }
    }
}
