package io.switchboard.privacy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.model.CrmActivity;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which conversation events the {@code crm-activity} job has logged to the CRM, in PostgreSQL beside the events:
 * a worker claims an event for {@code switchboard.jobs.crm-activity.claim-for} before it calls the CRM and records
 * the CRM's id of the activity after, so that the same job run again (a redelivery, the outbox relay publishing
 * twice after a crash, a replayed dead letter) does not log the event twice. Counted as
 * {@code switchboard_crm_activities_total{outcome=logged|repeated|gone|not_consented|consent_withdrawn}}: a job
 * whose customer withdrew consent since the event arrived is dropped when it runs (consent_withdrawn).
 */
@Component("crmActivityLedger")
public class CrmActivityLedger {

    /** Another worker holds the event right now: this copy of the job is retried later. */
    public static class ClaimedElsewhere extends RuntimeException {
        ClaimedElsewhere(String eventId) {
            super("event " + eventId + " is being logged by another worker");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(CrmActivityLedger.class);

    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;
    private final CrmActivityJobProperties settings;
    private final MeterRegistry metrics;
    private final Consents consents;

    public CrmActivityLedger(JdbcTemplate jdbc, FieldCipher cipher, CrmActivityJobProperties settings,
                             MeterRegistry metrics, Consents consents) {
        this.consents = consents;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * Claims the event for this worker and answers it as the CRM activity to log, opened; null when there is nothing
     * to do: logged already, gone (erased, or past retention), or never consented to.
     */
    public CrmActivity claim(String eventId) {
        List<Claimed> claimed = jdbc.query("UPDATE conversation_events"
                        + " SET crm_claimed_until = now() + make_interval(secs => ?)"
                        + " WHERE id = ? AND crm_logging AND crm_activity_id IS NULL"
                        + " AND (crm_claimed_until IS NULL OR crm_claimed_until < now())"
                        + " RETURNING id, customer_id, conversation_id, type, key_id, role_sealed, text_sealed, at",
                CrmActivityLedger::claimed, settings.claimFor().toMillis() / 1000.0, eventId);
        if (!claimed.isEmpty() && !consents.current(claimed.get(0).customerId()).crmLogging()) {
            // consent withdrawn while the job waited: the event is never logged, whatever consent says later
            jdbc.update("UPDATE conversation_events SET crm_logging = false, crm_claimed_until = NULL WHERE id = ?",
                    eventId);
            log.info("Event {}: the customer withdrew consent to CRM logging since it arrived: dropped", eventId);
            count("consent_withdrawn");
            return null;
        }
        if (!claimed.isEmpty()) {
            try {
                return claimed.get(0).open(cipher);
            } catch (RuntimeException unreadable) {
                release(eventId);
                throw unreadable;
            }
        }
        List<Map<String, Object>> event = jdbc.queryForList(
                "SELECT crm_logging, crm_activity_id FROM conversation_events WHERE id = ?", eventId);
        if (event.isEmpty()) {
            log.info("Event {} is gone (erased or past retention): nothing to log", eventId);
            count("gone");
            return null;
        }
        if (event.get(0).get("crm_activity_id") != null) {
            log.info("Event {} is logged already as CRM activity {}", eventId, event.get(0).get("crm_activity_id"));
            count("repeated");
            return null;
        }
        if (!Boolean.TRUE.equals(event.get(0).get("crm_logging"))) {
            log.warn("Event {} arrived without consent to CRM logging: not logged", eventId);
            count("not_consented");
            return null;
        }
        throw new ClaimedElsewhere(eventId);
    }

    /** Records the CRM's activity for the event: it is logged, for good. */
    public void record(String eventId, String activityId) {
        jdbc.update("UPDATE conversation_events SET crm_activity_id = ?, crm_claimed_until = NULL WHERE id = ?",
                activityId, eventId);
        count("logged");
    }

    private void count(String outcome) {
        Counter.builder("switchboard.crm.activities").tag("outcome", outcome)
                .description("Events the crm-activity job logged, or found logged already, gone, not consented or withdrawn")
                .register(metrics).increment();
    }

    /** The CRM call failed: the event is released for the job's next attempt, and the failure goes on. */
    public void releaseAndRethrow(String eventId, Exchange exchange) throws Exception {
        release(eventId);
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        throw failure != null ? failure : new IllegalStateException("CRM activity log failed");
    }

    private void release(String eventId) {
        jdbc.update("UPDATE conversation_events SET crm_claimed_until = NULL WHERE id = ? AND crm_activity_id IS NULL",
                eventId);
    }

    /** A claimed event as stored, still sealed. */
    private record Claimed(String id, String customerId, String conversationId, String type, String keyId,
                           byte[] role, byte[] text, Instant at) {

        CrmActivity open(FieldCipher cipher) {
            return new CrmActivity(id, customerId, conversationId, type,
                    cipher.open(keyId, role, ConversationStore.context(id, "role")),
                    cipher.open(keyId, text, ConversationStore.context(id, "text")), at);
        }
    }

    private static Claimed claimed(ResultSet rs, int n) throws SQLException {
        return new Claimed(rs.getString("id"), rs.getString("customer_id"), rs.getString("conversation_id"),
                rs.getString("type"), rs.getString("key_id"), rs.getBytes("role_sealed"), rs.getBytes("text_sealed"),
                rs.getTimestamp("at").toInstant());
    }
}
