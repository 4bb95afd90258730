package io.switchboard.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.errors.NotFound;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.DomainEvents;
import io.switchboard.events.EventOutbox;
import io.switchboard.events.EventOutbox.Publication;
import io.switchboard.events.OutboxRelay;
import io.switchboard.jobs.JobQueue;
import io.switchboard.model.Customer;
import io.switchboard.notifications.NotificationTemplates.Email;
import io.switchboard.privacy.Consents;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notifications owed and sent, one per domain event, in PostgreSQL (notifications). An event of a notifying type
 * about a known customer is recorded with its job ({@code jobs.notification}, key: the event id) in one transaction,
 * once however often it arrives (routes/events/notifications.camel.yaml). The job (routes/jobs/notification.camel.yaml)
 * claims it for {@code switchboard.notifications.claim-for}, checks the customer's consent as it is then, and records
 * it sent after the SMTP server took the email, so that a job run again (a redelivery, a replayed dead letter) sends
 * nothing twice. Counted as {@code switchboard_notifications_total{outcome=queued|sent|repeated|gone|
 * consent_withdrawn|no_email|no_customer}}.
 */
@Component("notifications")
public class Notifications {

    /** Another worker holds the notification right now: this copy of the job is retried later. */
    public static class ClaimedElsewhere extends RuntimeException {
        ClaimedElsewhere(String eventId) {
            super("notification " + eventId + " is being sent by another worker");
        }
    }

    /** A notification claimed for sending: the event it tells of. */
    public record Pending(String eventId, String eventType, String customerId, JsonNode data) {
    }

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final NotificationProperties settings;
    private final NotificationTemplates templates;
    private final DomainEvents events;
    private final Consents consents;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventOutbox outbox;
    private final JobQueue job;
    private final MeterRegistry metrics;

    public Notifications(NotificationProperties settings, NotificationTemplates templates, DomainEvents events,
                         Consents consents, JdbcTemplate jdbc, TransactionTemplate transaction, EventOutbox outbox,
                         @Qualifier("notificationJobQueue") JobQueue job, MeterRegistry metrics) {
        this.settings = settings;
        this.templates = templates;
        this.events = events;
        this.consents = consents;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.outbox = outbox;
        this.job = job;
        this.metrics = metrics;
    }

    /**
     * A message of {@code switchboard.events}: an event of a notifying type about a customer is recorded and its job
     * queued, the first time only. Anything else (no domain event, another type, no customer, notifications off) is
     * passed over.
     *
     * @return whether a job was queued
     */
    public boolean accept(String body) {
        DomainEvent event = settings.enabled() && body != null ? events.read(body) : null;
        if (event == null || event.customerid() == null || !templates.notifies(event.type())) {
            return false;
        }
        boolean queued = Boolean.TRUE.equals(transaction.execute(status -> {
            int inserted = jdbc.update("INSERT INTO notifications (event_id, event_type, customer_id, body)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
                    event.id(), event.type(), event.customerid(), body);
            if (inserted == 1) {
                outbox.write(List.of(new Publication(OutboxRelay.queue(job.queue()), event.id(), null, null)));
            }
            return inserted == 1;
        }));
        if (queued) {
            count("queued");
        }
        return queued;
    }

    /**
     * Claims the notification for this worker; null when there is nothing to send: sent or skipped already, gone
     * (erased), or the customer said no to notifications (recorded skipped, for good).
     */
    public Pending claim(String eventId) {
        List<String> claimed = jdbc.queryForList("UPDATE notifications"
                        + " SET claimed_until = now() + make_interval(secs => ?)"
                        + " WHERE event_id = ? AND state = 'pending'"
                        + " AND (claimed_until IS NULL OR claimed_until < now()) RETURNING body",
                String.class, settings.claimFor().toMillis() / 1000.0, eventId);
        if (claimed.isEmpty()) {
            List<String> state = jdbc.queryForList("SELECT state FROM notifications WHERE event_id = ?", String.class,
                    eventId);
            if (state.isEmpty()) {
                log.info("Notification {} is gone (erased): nothing to send", eventId);
                count("gone");
                return null;
            }
            if (!"pending".equals(state.get(0))) {
                log.info("Notification {} is {} already", eventId, state.get(0));
                count("repeated");
                return null;
            }
            throw new ClaimedElsewhere(eventId);
        }
        DomainEvent event = events.read(claimed.get(0));
        if (!consents.current(event.customerid()).notifications()) {
            skip(eventId, "consent_withdrawn");
            return null;
        }
        return new Pending(event.id(), event.type(), event.customerid(), event.data());
    }

    /**
     * The email to the customer as the CRM knows them, as the body with its mail headers (To, From, Subject) and
     * nothing else on the message, since camel-mail makes every header a mail header; null, and recorded skipped,
     * when the CRM has no email address for them.
     */
    public String compose(Pending notification, Customer customer, Exchange exchange) {
        if (customer == null || customer.email() == null || customer.email().isBlank()) {
            skip(notification.eventId(), "no_email");
            return null;
        }
        Map<String, String> values = new HashMap<>();
        if (notification.data() != null) {
            notification.data().fields().forEachRemaining(field -> {
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                    values.put(field.getKey(), field.getValue().asText());
                }
            });
        }
        values.put("customerName", customer.name() == null || customer.name().isBlank() ? "there" : customer.name());
        values.put("eventId", notification.eventId());
        Email email = templates.render(notification.eventType(), values);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader("To", customer.email());
        message.setHeader("From", settings.mail().from());
        message.setHeader("Subject", email.subject());
        message.setHeader("Content-Type", "text/plain; charset=UTF-8");
        message.setHeader("X-Switchboard-Event-Id", notification.eventId());
        return email.body();
    }

    /** The SMTP server took the email: the notification is done, for good, and the event's body goes. */
    public void sent(String eventId) {
        jdbc.update("UPDATE notifications SET state = 'sent', body = NULL, claimed_until = NULL, done_at = now()"
                + " WHERE event_id = ?", eventId);
        count("sent");
        log.info("Notification {} sent", eventId);
    }

    /**
     * The CRM lookup or the SMTP exchange failed: a customer the CRM does not know is skipped; anything else
     * releases the claim and goes on, for the job's retry.
     */
    public void failed(String eventId, Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (failure instanceof NotFound) {
            skip(eventId, "no_customer");
            return;
        }
        jdbc.update("UPDATE notifications SET claimed_until = NULL WHERE event_id = ? AND state = 'pending'", eventId);
        throw failure != null ? failure : new IllegalStateException("notification failed");
    }

    private void skip(String eventId, String reason) {
        jdbc.update("UPDATE notifications SET state = 'skipped', reason = ?, body = NULL, claimed_until = NULL,"
                + " done_at = now() WHERE event_id = ?", reason, eventId);
        count(reason);
        log.info("Notification {} not sent: {}", eventId, reason);
    }

    private void count(String outcome) {
        Counter.builder("switchboard.notifications").tag("outcome", outcome)
                .description("Notification emails queued, sent, or not sent (repeated, gone, consent_withdrawn, no_email,"
                        + " no_customer)")
                .register(metrics).increment();
    }
}
