package io.switchboard.privacy;

import io.switchboard.errors.NotFound;
import io.switchboard.events.OutboxRelay;
import io.switchboard.jobs.JobQueue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erasure requests and each system's part in them, in PostgreSQL (erasure_requests, erasure_systems). A request is
 * one per customer: asked again, it is the same request, queued again, so that what arrived since is erased too while
 * the vendors done already are not asked twice. The job claims a vendor's part before calling it and records the
 * outcome after; a failure leaves it {@code failed} with the error and the job's next attempt.
 */
@Component("erasureRequests")
public class ErasureRequests {

    /** Exchange property a vendor's erase route sets when the vendor offers no way to erase: why. */
    public static final String MANUAL_REASON = "erasureManualReason";

    /** A system's part, claimed by this worker. */
    public record Claimed(String requestId, String system, String capability, String customerId) {
    }

    /** Some vendor failed, or is still held by another worker: the job is retried on its schedule. */
    public static class Incomplete extends RuntimeException {
        Incomplete(String requestId, List<String> unfinished) {
            super("erasure " + requestId + " incomplete, failed or under way: " + String.join(", ", unfinished));
        }
    }

    /** A vendor's erase route: {@code direct:<capability>.<vendor>.customer.erase} (routes/connectors/<vendor>/). */
    private static final Pattern ERASE_ROUTE = Pattern.compile("direct:(?://)?(crm|helpdesk|orders)\\.([a-z0-9-]+)"
            + "\\.customer\\.erase");
    static final String LOCAL = "switchboard";

    private static final Logger log = LoggerFactory.getLogger(ErasureRequests.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final OutboxRelay relay;
    private final JobQueue job;
    private final ErasureProperties settings;
    private final List<String> connected;
    private final ObjectProvider<CamelContext> camel;
    /** Every vendor with an erase route, with the capability it serves; read from the routes once they run. */
    private volatile Map<String, String> vendors;

    public ErasureRequests(JdbcTemplate jdbc, TransactionTemplate transaction, OutboxRelay relay,
                           @Qualifier("privacyErasureJobQueue") JobQueue job, ErasureProperties settings,
                           @Value("${switchboard.crm.provider}") String crm,
                           @Value("${switchboard.helpdesk.provider}") String helpdesk,
                           @Value("${switchboard.orders.provider}") String orders,
                           ObjectProvider<CamelContext> camel) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.relay = relay;
        this.job = job;
        this.settings = settings;
        this.connected = List.of(crm, helpdesk, orders);
        this.camel = camel;
    }

    /** The vendors an erasure reaches: every one with an erase route, so that a vendor added is erased too. */
    Map<String, String> vendors() {
        if (vendors == null) {
            Map<String, String> found = new TreeMap<>();
            camel.getObject().getRoutes().forEach(route -> {
                Matcher erase = ERASE_ROUTE.matcher(route.getEndpoint().getEndpointUri());
                if (erase.matches()) {
                    found.put(erase.group(2), erase.group(1));
                }
            });
            vendors = Map.copyOf(found);
        }
        return vendors;
    }

    /** A fingerprint of a customer id, by which requests and exports are found without naming the customer. */
    public static String fingerprint(String customerId) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("switchboard customer\0".getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest(customerId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Records the erasure of the customer (or finds the one recorded) and queues its job, in one transaction.
     *
     * @param origin     who asked: {@code api}, or {@code shopify} (customers/redact: Shopify erases on its side)
     * @return the request id
     */
    public String request(String customerId, String origin) {
        String requestId = transaction.execute(status -> {
            String id = "era_" + UUID.randomUUID();
            List<String> created = jdbc.queryForList("INSERT INTO erasure_requests (request_id, customer_hash,"
                    + " customer_id, origin) VALUES (?, ?, ?, ?) ON CONFLICT (customer_hash) DO NOTHING"
                    + " RETURNING request_id", String.class, id, fingerprint(customerId), customerId, origin);
            if (created.isEmpty()) {
                // the same request again: a vendor that failed is tried again, the others keep their outcome
                id = jdbc.queryForObject("UPDATE erasure_requests SET customer_id = ?, completed_at = NULL"
                        + " WHERE customer_hash = ? RETURNING request_id", String.class, customerId,
                        fingerprint(customerId));
            } else {
                insertSystems(id, origin);
            }
            jdbc.update("INSERT INTO event_outbox (topic, body) VALUES (?, ?)", OutboxRelay.queue(job.queue()), id);
            return id;
        });
        relay.wake();
        return requestId;
    }

    private void insertSystems(String requestId, String origin) {
        jdbc.update("INSERT INTO erasure_systems (request_id, system, state) VALUES (?, ?, 'pending')", requestId, LOCAL);
        vendors().keySet().stream().sorted().forEach(vendor -> {
            boolean isConnected = connected.contains(vendor);
            boolean askedBy = isConnected && origin.equals(vendor);
            jdbc.update("INSERT INTO erasure_systems (request_id, system, state, reason) VALUES (?, ?, ?, ?)",
                    requestId, vendor, isConnected && !askedBy ? "pending" : "not_applicable",
                    !isConnected ? "not connected to this hub"
                            : askedBy ? vendor + " asked for this erasure and erases on its side" : null);
        });
    }

    /**
     * The proof of a shop's data erased (Shopify's shop/redact), done at once: a settled request of origin
     * {@code shopify:shop/redact} whose only system is the hub. A repeat finds the same.
     */
    public String recordShopRedact(String shopDomain) {
        String id = "era_" + UUID.randomUUID();
        List<String> created = jdbc.queryForList("INSERT INTO erasure_requests (request_id, customer_hash, origin,"
                + " completed_at) VALUES (?, ?, 'shopify:shop/redact', now()) ON CONFLICT (customer_hash) DO NOTHING"
                + " RETURNING request_id", String.class, id, fingerprint("shop:" + shopDomain));
        if (created.isEmpty()) {
            return jdbc.queryForObject("SELECT request_id FROM erasure_requests WHERE customer_hash = ?", String.class,
                    fingerprint("shop:" + shopDomain));
        }
        jdbc.update("INSERT INTO erasure_systems (request_id, system, state, attempts) VALUES (?, ?, 'completed', 1)",
                id, LOCAL);
        return id;
    }

    /** The customer whose erasure a request is, while it has work to do; null once settled. */
    public String customerOf(String requestId) {
        List<String> customer = jdbc.queryForList("SELECT customer_id FROM erasure_requests WHERE request_id = ?",
                String.class, requestId);
        return customer.isEmpty() ? null : customer.get(0);
    }

    /** The local part is done (LocalErasure, in its transaction). */
    public void localDone(String requestId) {
        jdbc.update("UPDATE erasure_systems SET state = 'completed', attempts = attempts + 1, updated_at = now()"
                + " WHERE request_id = ? AND system = ?", requestId, LOCAL);
    }

    /** Claims the vendors' parts that are pending, failed, or held by a worker that went away. */
    public List<Claimed> claim(String requestId) {
        String customer = customerOf(requestId);
        if (customer == null) {
            return List.of();
        }
        return jdbc.query("UPDATE erasure_systems SET state = 'in_progress', attempts = attempts + 1,"
                        + " claimed_until = now() + make_interval(secs => ?), updated_at = now()"
                        + " WHERE request_id = ? AND system <> ? AND (state IN ('pending', 'failed')"
                        + " OR (state = 'in_progress' AND claimed_until < now())) RETURNING system",
                (rs, n) -> new Claimed(requestId, rs.getString(1), vendors().get(rs.getString(1)), customer),
                settings.claimFor().toMillis() / 1000.0, requestId, LOCAL);
    }

    /** The vendor erased the customer, or has no API for it (the route set {@link #MANUAL_REASON}). */
    public void done(Claimed part, Exchange exchange) {
        String manual = exchange.getProperty(MANUAL_REASON, String.class);
        jdbc.update("UPDATE erasure_systems SET state = ?, reason = ?, last_error = NULL, next_attempt_at = NULL,"
                        + " claimed_until = NULL, updated_at = now() WHERE request_id = ? AND system = ?",
                manual == null ? "completed" : "manual_action_required", manual, part.requestId(), part.system());
        log.info("Erasure {} at {}: {}", part.requestId(), part.system(), manual == null ? "completed" : manual);
    }

    /** The vendor's call failed: recorded with the error and when the job tries again. */
    public void failed(Claimed part, Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String error = failure == null ? "unknown" : failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        Integer attempt = exchange.getProperty("erasureAttempt", Integer.class);
        List<Duration> schedule = settings.retrySchedule();
        int next = attempt == null ? 0 : attempt;
        Instant nextAttempt = next < schedule.size() ? Instant.now().plus(schedule.get(next)) : null;
        jdbc.update("UPDATE erasure_systems SET state = 'failed', last_error = ?, next_attempt_at = ?,"
                        + " claimed_until = NULL, updated_at = now() WHERE request_id = ? AND system = ?",
                error.length() > 300 ? error.substring(0, 300) : error,
                nextAttempt == null ? null : Timestamp.from(nextAttempt), part.requestId(), part.system());
        log.warn("Erasure {} at {} failed: {}", part.requestId(), part.system(), error);
    }

    /**
     * The job's last step: a vendor that failed has the job retried (thrown); once no part has work left, the
     * request is settled and forgets whose it was.
     */
    public void finish(String requestId) {
        // a part held by another worker (or by one that died mid-call, until its claim expires) is waited for too
        List<String> unfinished = jdbc.queryForList("SELECT system FROM erasure_systems WHERE request_id = ?"
                + " AND state IN ('failed', 'in_progress')", String.class, requestId);
        if (!unfinished.isEmpty()) {
            throw new Incomplete(requestId, unfinished);
        }
        int settled = jdbc.update("UPDATE erasure_requests SET customer_id = NULL, completed_at = now()"
                + " WHERE request_id = ? AND completed_at IS NULL AND NOT EXISTS (SELECT 1 FROM erasure_systems"
                + " WHERE request_id = ? AND state IN ('pending', 'in_progress', 'failed'))", requestId, requestId);
        if (settled == 1) {
            log.info("Erasure {} settled", requestId);
        }
    }

    /** The request as {@code GET /api/v1/privacy/requests/{id}} shows it; not found when there is none. */
    public Map<String, Object> status(String requestId) {
        List<Map<String, Object>> request = jdbc.queryForList("SELECT request_id, origin, requested_at, completed_at"
                + " FROM erasure_requests WHERE request_id = ?", requestId);
        if (request.isEmpty()) {
            throw new NotFound("Request " + requestId);
        }
        return describe(request.get(0));
    }

    private Map<String, Object> describe(Map<String, Object> row) {
        String requestId = (String) row.get("request_id");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("requestId", row.get("request_id"));
        answer.put("type", "erasure");
        answer.put("origin", row.get("origin"));
        answer.put("requestedAt", instant(row.get("requested_at")));
        answer.put("completedAt", instant(row.get("completed_at")));
        answer.put("systems", systems(requestId));
        return answer;
    }

    /**
     * The most recent requests, newest first, each as {@link #status} shows it: no customer id, only what the proof
     * of erasure keeps.
     */
    public List<Map<String, Object>> recent(int limit) {
        // read together rather than by id, so that a proof the retention purge deletes meanwhile cannot fail the list
        return jdbc.queryForList("SELECT request_id, origin, requested_at, completed_at FROM erasure_requests"
                + " ORDER BY requested_at DESC, request_id LIMIT ?", limit).stream().map(this::describe).toList();
    }

    /** Each system's part, as the status and the export show it. */
    public List<Map<String, Object>> systems(String requestId) {
        return jdbc.query("SELECT system, state, attempts, last_error, next_attempt_at, reason, updated_at"
                + " FROM erasure_systems WHERE request_id = ? ORDER BY system = 'switchboard' DESC, system", (rs, n) -> {
                    Map<String, Object> system = new LinkedHashMap<>();
                    system.put("system", rs.getString("system"));
                    String state = rs.getString("state");
                    system.put("status", "in_progress".equals(state) ? "pending" : state);
                    system.put("attempts", rs.getInt("attempts"));
                    if ("failed".equals(state)) {
                        system.put("lastError", rs.getString("last_error"));
                        system.put("nextAttemptAt", instant(rs.getTimestamp("next_attempt_at")));
                    }
                    if (rs.getString("reason") != null) {
                        system.put("reason", rs.getString("reason"));
                    }
                    system.put("updatedAt", instant(rs.getTimestamp("updated_at")));
                    return system;
                }, requestId);
    }

    private static String instant(Object timestamp) {
        return timestamp instanceof Timestamp t ? t.toInstant().toString() : null;
    }
}
