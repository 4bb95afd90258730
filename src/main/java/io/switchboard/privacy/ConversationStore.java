package io.switchboard.privacy;

import io.switchboard.errors.NotFound;
import io.switchboard.events.OutboxRelay;
import io.switchboard.jobs.JobQueue;
import io.switchboard.tracing.TraceParent;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Conversation events in PostgreSQL, sealed at rest: role and text are encrypted with {@link FieldCipher}, each bound
 * to its row and column. The customer's consent when the event arrives decides the rest:
 * <ul>
 *   <li>{@code transcriptStorage}: without it, the event is stored without its text (the hub keeps no words the
 *       customer did not agree to have kept, so none reach the CRM either);</li>
 *   <li>{@code crmLogging}: with it, the event is handed to the {@code crm-activity} job in the same transaction
 *       (an outbox row that {@link OutboxRelay} puts on the job's queue), so an event stored is an event logged.</li>
 * </ul>
 * A conversation belongs to the customer of its first event; another customer's event on it is not found.
 */
@Component("conversationStore")
public class ConversationStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final FieldCipher cipher;
    private final Consents consents;
    private final OutboxRelay relay;
    private final JobQueue crmActivity;
    private final ConversationMetrics metrics;
    private final TraceParent traceParent;
    private final ConversationDomainEvents domainEvents;

    public ConversationStore(JdbcTemplate jdbc, TransactionTemplate transaction, FieldCipher cipher,
                             Consents consents, OutboxRelay relay,
                             @Qualifier("crmActivityJobQueue") JobQueue crmActivity, ConversationMetrics metrics,
                             TraceParent traceParent, ConversationDomainEvents domainEvents) {
        this.domainEvents = domainEvents;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.cipher = cipher;
        this.consents = consents;
        this.relay = relay;
        this.crmActivity = crmActivity;
        this.metrics = metrics;
        this.traceParent = traceParent;
    }

    /** Where a sealed field belongs: the associated data it is sealed and opened with ({@link FieldCipher}). */
    public static String context(String eventId, String column) {
        return "conversation_events/" + eventId + "/" + column;
    }

    /** Stores the event; answers its id. */
    public String append(ConversationEvent event) {
        return append(event, null);
    }

    /**
     * Stores the event once per client event id: the same customer, conversation and {@code clientEventId} again
     * answers the id it was stored under and stores nothing (nor logs it to the CRM twice). Without a client
     * event id, every call is a new event.
     */
    public String append(ConversationEvent event, String clientEventId) {
        String id = clientEventId == null ? "evt_" + UUID.randomUUID()
                : "evt_" + UUID.nameUUIDFromBytes((event.customerId() + "\n" + event.conversationId() + "\n"
                        + clientEventId).getBytes(StandardCharsets.UTF_8));
        boolean[] first = new boolean[1];
        boolean[] stored = new boolean[1];
        boolean queued = Boolean.TRUE.equals(transaction.execute(status -> {
            first[0] = claimConversation(event);
            Consents.Consent consent = consents.current(event.customerId());
            String text = consent.transcriptStorage() ? event.text() : null;
            stored[0] = 1 == jdbc.update("INSERT INTO conversation_events (id, conversation_id, customer_id, type, at,"
                            + " key_id, role_sealed, text_sealed, crm_logging, score)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                    id, event.conversationId(), event.customerId(), event.type(), Timestamp.from(event.at()),
                    event.role() == null && text == null ? null : cipher.keyId(),
                    cipher.seal(event.role(), context(id, "role")), cipher.seal(text, context(id, "text")),
                    consent.crmLogging(), event.score());
            if (!stored[0]) {
                return false;   // stored before, under this client event id
            }
            domainEvents.publish(id, event, first[0]);
            if (consent.crmLogging()) {
                jdbc.update("INSERT INTO event_outbox (topic, body, traceparent) VALUES (?, ?, ?)",
                        OutboxRelay.queue(crmActivity.queue()), id, traceParent.current());
            }
            return consent.crmLogging();
        }));
        if (queued) {
            relay.wake();
        }
        if (stored[0]) {
            metrics.stored(event, first[0]);
        }
        return id;
    }

    /** True when this event began the conversation. */
    private boolean claimConversation(ConversationEvent event) {
        int claimed = jdbc.update("INSERT INTO conversations (conversation_id, customer_id) VALUES (?, ?)"
                        + " ON CONFLICT DO NOTHING",
                event.conversationId(), event.customerId());
        String owner = jdbc.queryForObject("SELECT customer_id FROM conversations WHERE conversation_id = ?",
                String.class, event.conversationId());
        if (!event.customerId().equals(owner)) {
            throw new NotFound("Conversation " + event.conversationId());
        }
        return claimed == 1;
    }
}
