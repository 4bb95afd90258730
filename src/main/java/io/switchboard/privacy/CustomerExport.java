package io.switchboard.privacy;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.messaging.DeadLetters;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Everything the hub holds on a customer as one JSON document ({@link #VERSION}; its schema is
 * {@code CustomerExport} in the OpenAPI document), written as it is read: conversation events and audit entries come
 * from PostgreSQL cursors ({@link #FETCH_SIZE} rows at a time, in one read-only transaction), so that a customer with
 * a hundred thousand events is never held in memory. Conversation text and roles are opened ({@link FieldCipher}); a
 * value the hub can no longer open is exported as null with {@code "unreadable": true}.
 */
@Component
public class CustomerExport {

    public static final int VERSION = 1;
    static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final FieldCipher cipher;
    private final Consents consents;
    private final ErasureRequests erasures;
    private final DeadLetters deadLetters;
    private final ObjectMapper json;
    private final String crm;
    private final String helpdesk;

    public CustomerExport(JdbcTemplate jdbc, TransactionTemplate transaction, FieldCipher cipher, Consents consents,
                          ErasureRequests erasures, DeadLetters deadLetters, ObjectMapper json,
                          @Value("${switchboard.crm.provider}") String crm,
                          @Value("${switchboard.helpdesk.provider}") String helpdesk) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.transaction = new TransactionTemplate(transaction.getTransactionManager());
        this.transaction.setReadOnly(true);
        this.cipher = cipher;
        this.consents = consents;
        this.erasures = erasures;
        this.deadLetters = deadLetters;
        this.json = json;
        this.crm = crm;
        this.helpdesk = helpdesk;
    }

    /** Writes the customer's export to {@code out} (left open). */
    public void write(String customerId, OutputStream out) throws IOException {
        try (JsonGenerator g = json.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeNumberField("version", VERSION);
            g.writeStringField("customerId", customerId);
            g.writeStringField("generatedAt", Instant.now().toString());
            try {
                transaction.executeWithoutResult(status -> {
                    try {
                        body(customerId, g);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            g.writeEndObject();
        }
    }

    private void body(String customerId, JsonGenerator g) throws IOException {
        consent(customerId, g);
        g.writeArrayFieldStart("conversationEvents");
        stream("SELECT id, conversation_id, type, at, received_at, key_id, role_sealed, text_sealed, crm_logging,"
                + " crm_activity_id FROM conversation_events WHERE customer_id = ? ORDER BY received_at, id",
                customerId, rs -> event(rs, g));
        g.writeEndArray();
        g.writeArrayFieldStart("crmActivities");
        stream("SELECT id, crm_activity_id FROM conversation_events WHERE customer_id = ?"
                + " AND crm_activity_id IS NOT NULL ORDER BY received_at, id", customerId, rs -> {
                    g.writeStartObject();
                    g.writeStringField("crm", crm);
                    g.writeStringField("activityId", rs.getString(2));
                    g.writeStringField("eventId", rs.getString(1));
                    g.writeEndObject();
                });
        g.writeEndArray();
        g.writeArrayFieldStart("tickets");
        stream("SELECT conversation_id, ticket_id, url, priority, created_at FROM tickets WHERE customer_id = ?"
                + " ORDER BY created_at", customerId, rs -> {
                    g.writeStartObject();
                    g.writeStringField("helpdesk", helpdesk);
                    g.writeStringField("conversationId", rs.getString(1));
                    g.writeStringField("ticketId", rs.getString(2));
                    g.writeStringField("url", rs.getString(3));
                    g.writeStringField("priority", rs.getString(4));
                    g.writeStringField("createdAt", instant(rs.getTimestamp(5)));
                    g.writeEndObject();
                });
        g.writeEndArray();
        g.writeArrayFieldStart("orderCancellations");
        stream("SELECT order_number, state, reason, requested_at, updated_at FROM order_cancellations"
                + " WHERE customer_id = ? ORDER BY requested_at", customerId, rs -> {
                    g.writeStartObject();
                    g.writeStringField("orderNumber", rs.getString(1));
                    g.writeStringField("state", rs.getString(2));
                    g.writeStringField("reason", rs.getString(3));
                    g.writeStringField("requestedAt", instant(rs.getTimestamp(4)));
                    g.writeStringField("updatedAt", instant(rs.getTimestamp(5)));
                    g.writeEndObject();
                });
        g.writeEndArray();
        // the change requests, never the address (sealed while its job is pending, then gone)
        g.writeArrayFieldStart("orderAddressChanges");
        stream("SELECT request_id, order_number, state, reason, requested_at, updated_at FROM order_address_changes"
                + " WHERE customer_id = ? ORDER BY requested_at", customerId, rs -> {
                    g.writeStartObject();
                    g.writeStringField("requestId", rs.getString(1));
                    g.writeStringField("orderNumber", rs.getString(2));
                    g.writeStringField("state", rs.getString(3));
                    g.writeStringField("reason", rs.getString(4));
                    g.writeStringField("requestedAt", instant(rs.getTimestamp(5)));
                    g.writeStringField("updatedAt", instant(rs.getTimestamp(6)));
                    g.writeEndObject();
                });
        g.writeEndArray();
        g.writeArrayFieldStart("notifications");
        stream("SELECT event_id, event_type, state, reason, created_at FROM notifications"
                + " WHERE customer_id = ? ORDER BY created_at", customerId, rs -> {
                    g.writeStartObject();
                    g.writeStringField("eventId", rs.getString(1));
                    g.writeStringField("eventType", rs.getString(2));
                    g.writeStringField("state", rs.getString(3));
                    g.writeStringField("reason", rs.getString(4));
                    g.writeStringField("createdAt", instant(rs.getTimestamp(5)));
                    g.writeEndObject();
                });
        g.writeEndArray();
        g.writeArrayFieldStart("erasureRequests");
        for (String requestId : jdbc.queryForList("SELECT request_id FROM erasure_requests WHERE customer_hash = ?",
                String.class, ErasureRequests.fingerprint(customerId))) {
            json.writeValue(g, erasures.status(requestId));
        }
        g.writeEndArray();
        g.writeArrayFieldStart("auditEntries");
        stream("SELECT at, actor, action, outcome, request_id, detail FROM audit_log WHERE actor = ?"
                + " UNION ALL SELECT at, actor, action, outcome, request_id, detail FROM audit_log"
                + " WHERE actor <> ? AND action LIKE ? ESCAPE '\\' ORDER BY at",
                List.of("jwt:" + customerId, "jwt:" + customerId, "%/customers/" + like(customerId) + "%"), rs -> {
                    g.writeStartObject();
                    g.writeStringField("at", instant(rs.getTimestamp(1)));
                    g.writeStringField("actor", rs.getString(2));
                    g.writeStringField("action", rs.getString(3));
                    g.writeStringField("outcome", rs.getString(4));
                    g.writeStringField("requestId", rs.getString(5));
                    g.writeStringField("detail", rs.getString(6));
                    g.writeEndObject();
                });
        g.writeEndArray();
        g.writeArrayFieldStart("deadLetters");
        for (DeadLetters.Carried letter : deadLetters.carrying(CustomerMentions.of(customerId, jdbc))) {
            g.writeStartObject();
            g.writeStringField("id", letter.entry().id());
            g.writeStringField("source", letter.entry().source());
            g.writeStringField("eventId", letter.entry().eventId());
            g.writeStringField("eventType", letter.entry().eventType());
            g.writeStringField("receivedAt", letter.entry().receivedAt() == null ? null
                    : letter.entry().receivedAt().toString());
            g.writeStringField("reason", letter.entry().reason());
            g.writeFieldName("payload");
            payload(letter.payload(), g);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void consent(String customerId, JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("consent");
        Consents.Consent current = consents.current(customerId);
        g.writeBooleanField("crmLogging", current.crmLogging());
        g.writeBooleanField("transcriptStorage", current.transcriptStorage());
        g.writeBooleanField("marketing", current.marketing());
        g.writeBooleanField("notifications", current.notifications());
        g.writeArrayFieldStart("history");
        for (Consents.Consent change : consents.history(customerId)) {
            json.writeValue(g, Map.of("crmLogging", change.crmLogging(), "transcriptStorage",
                    change.transcriptStorage(), "marketing", change.marketing(), "notifications",
                    change.notifications(), "setAt", change.setAt().toString(), "setBy", change.setBy()));
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private void event(ResultSet rs, JsonGenerator g) throws SQLException, IOException {
        String id = rs.getString("id");
        String keyId = rs.getString("key_id");
        g.writeStartObject();
        g.writeStringField("eventId", id);
        g.writeStringField("conversationId", rs.getString("conversation_id"));
        g.writeStringField("type", rs.getString("type"));
        boolean unreadable = false;
        String role = null;
        String text = null;
        try {
            role = cipher.open(keyId, rs.getBytes("role_sealed"), ConversationStore.context(id, "role"));
            text = cipher.open(keyId, rs.getBytes("text_sealed"), ConversationStore.context(id, "text"));
        } catch (FieldCipher.Unreadable e) {
            unreadable = true;
        }
        g.writeStringField("role", role);
        g.writeStringField("text", text);
        if (unreadable) {
            g.writeBooleanField("unreadable", true);
        }
        g.writeStringField("at", instant(rs.getTimestamp("at")));
        g.writeStringField("receivedAt", instant(rs.getTimestamp("received_at")));
        g.writeBooleanField("crmLogging", rs.getBoolean("crm_logging"));
        g.writeStringField("crmActivityId", rs.getString("crm_activity_id"));
        g.writeEndObject();
    }

    private void payload(byte[] payload, JsonGenerator g) throws IOException {
        try {
            JsonNode node = json.readTree(payload);
            if (node != null && !node.isMissingNode()) {
                json.writeTree(g, node);
                return;
            }
        } catch (IOException notJson) {
            // a payload that is not JSON is exported as text
        }
        g.writeString(new String(payload, StandardCharsets.UTF_8));
    }

    private interface Row {
        void write(ResultSet rs) throws SQLException, IOException;
    }

    private void stream(String sql, String customerId, Row row) {
        stream(sql, List.of(customerId), row);
    }

    /** Rows written as they come from a cursor of {@link #FETCH_SIZE} rows (the transaction keeps it open). */
    private void stream(String sql, List<String> parameters, Row row) {
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i));
            }
            return statement;
        }, rs -> {
            try {
                row.write(rs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }

    private static String like(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
