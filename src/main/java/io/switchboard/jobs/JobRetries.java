package io.switchboard.jobs;

import io.switchboard.messaging.Redelivery;
import io.switchboard.tracing.RequestIds;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jms.core.JmsTemplate;

/**
 * Retries of one job queue's jobs, as the webhook workers retry events: a job whose attempt failed goes back on its
 * queue, delivered after the schedule's next delay (±20 % jitter), or, once the schedule is used up, onto
 * {@code <queue>.dlq} with the failure's reason. The worker consumes its queue in a broker transaction and the copy
 * is sent in that same transaction, so the failed job is consumed if and only if its copy is stored.
 *
 * <p>A job is a text message; {@link #ATTEMPT} counts the attempts so far and {@link #REQUEST_ID} names the request
 * that queued it, for the worker's log lines.
 */
public class JobRetries {

    public static final String ATTEMPT = "jobAttempt";
    public static final String REQUEST_ID = "jobRequestId";
    /** Why the last attempt failed (on retried and dead-lettered jobs). */
    public static final String FAILURE = "jobFailure";

    private static final Logger log = LoggerFactory.getLogger(JobRetries.class);
    private static final String JOB = "switchboardJob";

    /** The job as the worker received it. */
    private record Received(String body, int attempt, String requestId) {
    }

    private final String queue;
    private final List<Duration> schedule;
    private final JmsTemplate jms;

    public JobRetries(String queue, List<Duration> schedule, ConnectionFactory connections) {
        this.queue = queue;
        this.schedule = List.copyOf(schedule);
        this.jms = new JmsTemplate(connections);
        this.jms.setSessionTransacted(true);
        this.jms.setExplicitQosEnabled(true);
        this.jms.setDeliveryMode(DeliveryMode.PERSISTENT);
    }

    public static String deadLetters(String queue) {
        return queue + ".dlq";
    }

    /** A worker's first step: keeps the job as it came off the queue, and its request id in the MDC. */
    public void remember(Exchange exchange) {
        Message message = exchange.getMessage();
        Integer attempt = message.getHeader(ATTEMPT, Integer.class);
        String requestId = message.getHeader(REQUEST_ID, String.class);
        exchange.setProperty(JOB, new Received(message.getBody(String.class), attempt == null ? 0 : attempt, requestId));
        if (requestId != null) {
            MDC.put(RequestIds.MDC_KEY, requestId);
        }
    }

    /** A worker's last step, whichever way the job went. */
    public void forget() {
        MDC.remove(RequestIds.MDC_KEY);
    }

    /**
     * The failed job's copy, rescheduled or dead-lettered, sent in the worker's broker transaction.
     *
     * @return true when the job was dead-lettered, its schedule used up
     */
    public boolean retryOrDeadLetter(Exchange exchange) {
        Received job = exchange.getProperty(JOB, Received.class);
        int attempt = job.attempt() + 1;
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = failure == null ? "unknown" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (attempt <= schedule.size()) {
            Duration delay = Redelivery.jittered(schedule.get(attempt - 1));
            send(queue, job, attempt, reason, Instant.now().plus(delay).toEpochMilli());
            log.warn("Job on {} failed (attempt {}), retrying in {}: {}", queue, attempt, delay, reason);
            return false;
        }
        send(deadLetters(queue), job, attempt, reason, 0);
        log.error("Job on {} failed {} times, dead-lettered: {}", queue, attempt, reason);
        return true;
    }

    private void send(String destination, Received job, int attempt, String reason, long deliverAt) {
        jms.send(destination, session -> {
            TextMessage copy = session.createTextMessage(job.body());
            copy.setIntProperty(ATTEMPT, attempt);
            if (job.requestId() != null) {
                copy.setStringProperty(REQUEST_ID, job.requestId());
            }
            copy.setStringProperty(FAILURE, reason.length() > 500 ? reason.substring(0, 500) : reason);
            if (deliverAt > 0) {
                copy.setLongProperty(Redelivery.SCHEDULED_DELIVERY, deliverAt);
            }
            return copy;
        });
    }
}
