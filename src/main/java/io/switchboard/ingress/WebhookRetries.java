package io.switchboard.ingress;

import jakarta.jms.BytesMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What happens to a delivery whose processing failed: back on its queue, scheduled after the source's next retry
 * delay (with ±20 % jitter, so a vendor outage does not come back as one burst), or onto the source's dead-letter
 * queue with the failure reason once the schedule is used up. The copy is sent in the worker's broker transaction,
 * so the failed delivery is consumed if and only if its copy is stored.
 */
@Component
public class WebhookRetries {

    /** Artemis's scheduled delivery time (epoch millis) message property. */
    static final String SCHEDULED_DELIVERY = "_AMQ_SCHED_DELIVERY";

    /** The properties a delivery carries from one attempt to the next. */
    private static final List<String> KEPT = List.of(WebhookQueues.SOURCE, WebhookQueues.EVENT_ID,
            WebhookQueues.EVENT_TYPE, WebhookQueues.RECEIVED_AT, WebhookQueues.HEADERS, WebhookQueues.REQUEST_ID);

    private static final Logger log = LoggerFactory.getLogger(WebhookRetries.class);

    private final WebhookSources sources;
    private final WebhookMetrics metrics;

    public WebhookRetries(WebhookSources sources, WebhookMetrics metrics) {
        this.sources = sources;
        this.metrics = metrics;
    }

    /** A delivery as it came off its queue: the raw body and the ingress's properties. */
    record Queued(byte[] body, Map<String, Object> properties) {

        static Queued of(Message message) throws JMSException {
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

        String property(String name) {
            Object value = properties.get(name);
            return value == null ? null : value.toString();
        }
    }

    /** Sends the failed delivery's copy, to retry later or to rest in the dead-letter queue, through the session. */
    void reschedule(Session session, Queued message, Throwable failure) throws JMSException {
        String source = message.property(WebhookQueues.SOURCE);
        String attempts = message.property(WebhookQueues.ATTEMPT);
        int attempt = (attempts == null ? 0 : Integer.parseInt(attempts)) + 1;
        Throwable cause = failure instanceof WebhookWorkers.DeliveryFailed && failure.getCause() != null
                ? failure.getCause() : failure;
        String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        List<Duration> schedule = sources.find(source).map(s -> s.settings().retrySchedule()).orElse(List.of());
        if (attempt <= schedule.size()) {
            long at = Instant.now().plus(jittered(schedule.get(attempt - 1))).toEpochMilli();
            send(session, WebhookQueues.queue(source), message, attempt, reason, at);
            metrics.retried(source);
            log.warn("{} event {} failed (attempt {}), retrying in {}: {}", source,
                    message.property(WebhookQueues.EVENT_ID), attempt, schedule.get(attempt - 1), reason);
        } else {
            send(session, WebhookQueues.deadLetters(source), message, attempt, reason, 0);
            metrics.deadLettered(source);
            log.error("{} event {} failed {} times, dead-lettered: {}", source,
                    message.property(WebhookQueues.EVENT_ID), attempt, reason);
        }
    }

    private static void send(Session session, String queue, Queued failed, int attempt, String reason,
                             long deliverAt) throws JMSException {
        BytesMessage copy = session.createBytesMessage();
        copy.writeBytes(failed.body());
        for (String property : KEPT) {
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
        try (MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(copy);
        }
    }

    static Duration jittered(Duration delay) {
        double factor = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, (long) (delay.toMillis() * factor)));
    }
}
