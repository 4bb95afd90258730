package io.switchboard.privacy;

import io.switchboard.events.CacheEvictions;
import io.switchboard.events.EventOutbox.Publication;
import io.switchboard.events.EventOutbox;
import io.switchboard.messaging.DeadLetters;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erases what the hub itself holds on a customer, the first step of every erasure job, idempotent:
 * <ul>
 *   <li>dead letters whose payload is about the customer are emptied (their description stays);</li>
 *   <li>then in one PostgreSQL transaction: conversation events (with their CRM-logging records) and
 *       conversations, consent history, order cancellations and exports are deleted; the ticket ledger keeps the
 *       tickets (so that a conversation never gets a second one) without the customer; audit entries keep what
 *       happened without naming the customer; every instance is told to evict the customer's cache entries.</li>
 * </ul>
 * What stays is the request's proof (erasure_requests, erasure_systems), which names no one once settled.
 */
@Component("localErasure")
public class LocalErasure {

    private static final Logger log = LoggerFactory.getLogger(LocalErasure.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventOutbox outbox;
    private final DeadLetters deadLetters;
    private final ErasureRequests requests;

    public LocalErasure(JdbcTemplate jdbc, TransactionTemplate transaction, EventOutbox outbox,
                        DeadLetters deadLetters, ErasureRequests requests) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.outbox = outbox;
        this.deadLetters = deadLetters;
        this.requests = requests;
    }

    /** Erases the request's customer here; nothing when the request is settled (its customer forgotten). */
    public void erase(String requestId) {
        String customer = requests.customerOf(requestId);
        if (customer == null) {
            return;
        }
        int letters = deadLetters.erasePayloads(CustomerMentions.of(customer, jdbc),
                "payload erased (" + requestId + ")");
        String erasedAs = "erased:" + requestId;
        int rows = transaction.execute(status -> {
            int deleted = jdbc.update("DELETE FROM conversation_events WHERE customer_id = ?", customer)
                    + jdbc.update("DELETE FROM conversations WHERE customer_id = ?", customer)
                    + jdbc.update("DELETE FROM consent WHERE customer_id = ?", customer)
                    + jdbc.update("DELETE FROM order_cancellations WHERE customer_id = ?", customer)
                    + jdbc.update("DELETE FROM privacy_exports WHERE customer_hash = ?",
                            ErasureRequests.fingerprint(customer))
                    + jdbc.update("UPDATE tickets SET customer_id = ? WHERE customer_id = ?", erasedAs, customer)
                    // events about the customer not yet delivered to subscribers are not delivered
                    + jdbc.update("DELETE FROM subscriber_deliveries WHERE customer_id = ?", customer)
                    // reactions to events about the customer: pending ones are not run
                    + jdbc.update("DELETE FROM reaction_jobs WHERE customer_id = ?", customer)
                    // notifications owed to the customer are not sent; address changes (sealed addresses) go
                    + jdbc.update("DELETE FROM notifications WHERE customer_id = ?", customer)
                    + jdbc.update("DELETE FROM order_address_changes WHERE customer_id = ?", customer)
                    + jdbc.update("UPDATE audit_log SET actor = ? WHERE actor = ?", "jwt:" + erasedAs, "jwt:" + customer)
                    + jdbc.update("UPDATE audit_log SET action = replace(action, ?, ?) WHERE action LIKE ? ESCAPE '\\'",
                            "/customers/" + customer, "/customers/" + erasedAs, "%/customers/" + like(customer) + "%");
            requests.localDone(requestId);
            outbox.write(List.of(new Publication(CacheEvictions.TOPIC, CacheEvictions.customer(customer),
                    "privacy", "customer.erased")));
            return deleted;
        });
        log.info("Erasure {}: {} rows and {} dead letters erased here", requestId, rows, letters);
    }

    private static String like(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
