package io.switchboard.ingress;

import io.switchboard.api.RequestIds;
import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * What happens to a delivery whose processing failed: back on its queue, scheduled after the source's next retry
 * delay (with ±20 % jitter, so a vendor outage does not come back as one burst), or onto the source's dead-letter
 * queue with the failure reason once the schedule is used up. The send joins the worker's broker transaction, so the
 * failed delivery is consumed if and only if its copy is stored. The hub's own jobs ({@link JobWorkers}) fail the
 * same way, on their own queues and schedules ({@link RetryingQueues}).
 */
@Component
public class WebhookRetries implements Processor {

    /** Exchange property holding the delivery as it came off the queue, for a retry of it. */
    static final String DELIVERY = "webhookDelivery";
    /** Artemis's scheduled delivery time (epoch millis) message property. */
    static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";

    private static final Logger log = LoggerFactory.getLogger(WebhookRetries.class);

    private final RetryingQueues queues;
    private final WebhookMetrics metrics;
    private final JmsTemplate jms;

    public WebhookRetries(RetryingQueues queues, WebhookMetrics metrics, JmsTemplate jms) {
        this.queues = queues;
        this.metrics = metrics;
        this.jms = new JmsTemplate(jms.getConnectionFactory());
        this.jms.setSessionTransacted(true);
        this.jms.setExplicitQosEnabled(true);
        this.jms.setDeliveryMode(DeliveryMode.PERSISTENT);
    }

    /** The delivery as the worker received it: the raw body and the ingress's properties. */
    record Queued(byte[] body, Map<String, Object> properties) {

        String property(String name) {
            Object value = properties.get(name);
            return value == null ? null : value.toString();
        }
    }

    /** Called by the worker before processing: the processing steps are free to change the message. */
    static void remember(Exchange exchange) {
        Message message = exchange.getMessage();
        Map<String, Object> properties = new HashMap<>();
        for (String name : List.of(WebhookQueues.SOURCE, WebhookQueues.EVENT_ID, WebhookQueues.EVENT_TYPE,
                WebhookQueues.RECEIVED_AT, WebhookQueues.HEADERS, WebhookQueues.ATTEMPT, WebhookQueues.REQUEST_ID)) {
            Object value = message.getHeader(name);
            if (value != null) {
                properties.put(name, value);
            }
        }
        exchange.setProperty(DELIVERY, new Queued(message.getBody(byte[].class), properties));
        Object requestId = properties.get(WebhookQueues.REQUEST_ID);
        if (requestId != null) {
            MDC.put(RequestIds.MDC_KEY, requestId.toString());
        }
    }

    /** Called when the worker is done with a delivery, whichever way. */
    static void forget() {
        MDC.remove(RequestIds.MDC_KEY);
    }

    @Override
    public void process(Exchange exchange) {
        try {
            reschedule(exchange);
        } finally {
            forget();
        }
    }

    private void reschedule(Exchange exchange) {
        Queued message = exchange.getProperty(DELIVERY, Queued.class);
        String source = message.property(WebhookQueues.SOURCE);
        String attempts = message.property(WebhookQueues.ATTEMPT);
        int attempt = (attempts == null ? 0 : Integer.parseInt(attempts)) + 1;
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        RetryingQueues.Retrying queue = queues.find(source).orElseGet(() -> RetryingQueues.webhook(source, List.of()));
        List<Duration> schedule = queue.retrySchedule();
        if (attempt <= schedule.size()) {
            long at = Instant.now().plus(jittered(schedule.get(attempt - 1))).toEpochMilli();
            send(queue.queue(), message, attempt, reason, at);
            metrics.retried(queue);
            log.warn("{} event {} failed (attempt {}), retrying in {}: {}", source,
                    message.property(WebhookQueues.EVENT_ID), attempt, schedule.get(attempt - 1), reason);
        } else {
            send(queue.deadLetters(), message, attempt, reason, 0);
            metrics.deadLettered(queue);
            log.error("{} event {} failed {} times, dead-lettered: {}", source,
                    message.property(WebhookQueues.EVENT_ID), attempt, reason);
        }
    }

    private void send(String queue, Queued failed, int attempt, String reason, long deliverAt) {
        jms.send(queue, session -> {
            BytesMessage copy = session.createBytesMessage();
            copy.writeBytes(failed.body());
            for (String property : List.of(WebhookQueues.SOURCE, WebhookQueues.EVENT_ID, WebhookQueues.EVENT_TYPE,
                    WebhookQueues.RECEIVED_AT, WebhookQueues.HEADERS, WebhookQueues.REQUEST_ID)) {
                String value = failed.property(property);
                if (value != null) {
                    copy.setStringProperty(property, value);
                }
            }
            copy.setIntProperty(WebhookQueues.ATTEMPT, attempt);
            copy.setStringProperty(WebhookQueues.FAILURE, reason.length() > 500 ? reason.substring(0, 500) : reason);
            if (deliverAt > 0) {
                copy.setLongProperty(SCHEDULED_DELIVERY, deliverAt);
            }
            return copy;
        });
    }

    static Duration jittered(Duration delay) {
        double factor = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (delay.toMillis() * factor)));
    }
}
