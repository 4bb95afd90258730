package io.switchboard.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Customers' consent in PostgreSQL, as a history: every change is appended with when and which API key set it, and
 * the latest entry is the consent in force. No entry is no consent: nothing is logged to the CRM, no transcript is
 * kept, no marketing; service notifications, which need no opt-in, go out until the customer says no.
 */
@Component
public class Consents {

    /**
     * One entry of a customer's consent.
     *
     * @param crmLogging        conversation events may be logged on the customer's CRM record
     * @param transcriptStorage what the customer and the assistant say may be kept (encrypted) by the hub
     * @param marketing         the customer may be contacted for marketing (kept for the systems that ask)
     * @param notifications     the customer gets service emails about their own requests (a ticket opened, an order
     *                          shipped): no opt-in needed, so true until the customer says no
     * @param setAt             when it was set; null for "never set"
     * @param setBy             the id of the API key that set it, never the key
     */
    public record Consent(boolean crmLogging, boolean transcriptStorage, boolean marketing, boolean notifications,
                          Instant setAt, String setBy) {

        /** What a customer who never said anything has consented to: no opt-in; service notifications go out. */
        public static final Consent NONE = new Consent(false, false, false, true, null, null);
    }

    private final JdbcTemplate jdbc;

    public Consents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The consent in force now. */
    public Consent current(String customerId) {
        return jdbc.query("SELECT crm_logging, transcript_storage, marketing, notifications, set_at, set_by FROM consent"
                + " WHERE customer_id = ? ORDER BY id DESC LIMIT 1", Consents::row, customerId)
                .stream().findFirst().orElse(Consent.NONE);
    }

    /** Appends a change that leaves the notifications purpose as it is, and answers it as stored. */
    public Consent record(String customerId, boolean crmLogging, boolean transcriptStorage, boolean marketing,
                          String setBy) {
        return record(customerId, crmLogging, transcriptStorage, marketing, current(customerId).notifications(), setBy);
    }

    /** Appends a change, and answers it as stored. */
    public Consent record(String customerId, boolean crmLogging, boolean transcriptStorage, boolean marketing,
                          boolean notifications, String setBy) {
        return jdbc.queryForObject("INSERT INTO consent (customer_id, crm_logging, transcript_storage, marketing,"
                        + " notifications, set_by) VALUES (?, ?, ?, ?, ?, ?)"
                        + " RETURNING crm_logging, transcript_storage, marketing, notifications, set_at, set_by",
                Consents::row, customerId, crmLogging, transcriptStorage, marketing, notifications, setBy);
    }

    /** Every change, newest first. */
    public List<Consent> history(String customerId) {
        return jdbc.query("SELECT crm_logging, transcript_storage, marketing, notifications, set_at, set_by"
                + " FROM consent WHERE customer_id = ? ORDER BY id DESC", Consents::row, customerId);
    }

    private static Consent row(ResultSet rs, int n) throws SQLException {
        return new Consent(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                rs.getTimestamp(5).toInstant(), rs.getString(6));
    }
}
