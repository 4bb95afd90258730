package io.switchboard.orders;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.errors.Conflict;
import io.switchboard.errors.NotFound;
import io.switchboard.events.CacheEvictions;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.DomainEvents;
import io.switchboard.events.EventOutbox;
import io.switchboard.events.EventOutbox.Publication;
import io.switchboard.events.OutboxRelay;
import io.switchboard.jobs.JobQueue;
import io.switchboard.model.Order;
import io.switchboard.model.OrderStatus;
import io.switchboard.model.ShippingAddress;
import io.switchboard.privacy.FieldCipher;
import io.switchboard.security.Access;
import io.switchboard.security.Caller;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shipping address changes (POST /api/v1/orders/{orderNumber}/address), one row per request in PostgreSQL
 * (order_address_changes). Only an unfulfilled order (pending or processing) may change its address: any other is
 * {@code 409 conflict}, when asked and again when the job reads the order afresh. Accepting a change stores the
 * address sealed ({@link FieldCipher}, bound to the request id) and queues its job ({@code jobs.order-address-change},
 * key: the request id) in one transaction; the job opens it, has the order platform apply it, and then forgets it
 * (address_sealed NULL), whatever the outcome. The outcome is published as {@code order.address_changed} or
 * {@code order.address_change_failed} with the order's cache eviction, in the same transaction; neither names the
 * address. Nothing here logs or answers the address.
 */
@Component("orderAddressChanges")
public class OrderAddressChanges {

    /** A change claimed by the job: the order and the address, opened. */
    public record Claimed(String requestId, String orderNumber, String customerId, ShippingAddress address) {
    }

    /** The answer to a request and to its status. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String requestId, String orderNumber, String status, String reason) {
    }

    static final String EVENT_SOURCE = "/switchboard/orders/address-changes";
    static final String CHANGED = "order.address_changed";
    static final String FAILED = "order.address_change_failed";

    private static final Logger log = LoggerFactory.getLogger(OrderAddressChanges.class);
    private static final Set<OrderStatus> UNFULFILLED = Set.of(OrderStatus.PENDING, OrderStatus.PROCESSING);
    /** A vendor's answers that refuse the change itself, rather than fail to answer. */
    private static final Set<Integer> REFUSALS = Set.of(400, 404, 409, 422);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final EventOutbox outbox;
    private final DomainEvents events;
    private final FieldCipher cipher;
    private final JobQueue job;
    private final ObjectMapper json;
    private final MeterRegistry metrics;

    public OrderAddressChanges(JdbcTemplate jdbc, TransactionTemplate transaction, EventOutbox outbox,
                               DomainEvents events, FieldCipher cipher,
                               @Qualifier("orderAddressChangeJobQueue") JobQueue job, ObjectMapper json,
                               MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.outbox = outbox;
        this.events = events;
        this.cipher = cipher;
        this.job = job;
        this.json = json;
        this.metrics = metrics;
    }

    /** Throws {@code 409 conflict} unless the order is unfulfilled. */
    public Order requireUnfulfilled(Order order) {
        if (!UNFULFILLED.contains(order.status())) {
            throw new Conflict("The address of order " + order.orderNumber()
                    + " can no longer change: it is " + order.status().wireName().replace('_', ' ').toLowerCase(Locale.ROOT));
        }
        return order;
    }

    /**
     * Accepts the customer's change for their order (as just read): {@code 409 conflict} unless unfulfilled;
     * otherwise the address is stored sealed and its job queued, in one transaction.
     */
    public Status request(Order order, ShippingAddress address) {
        requireUnfulfilled(order);
        String requestId = "adr_" + UUID.randomUUID().toString().replace("-", "");
        String keyId = cipher.keyId();
        byte[] sealed = cipher.seal(write(address), context(requestId));
        transaction.executeWithoutResult(status -> {
            jdbc.update("INSERT INTO order_address_changes (request_id, order_number, customer_id, key_id,"
                    + " address_sealed) VALUES (?, ?, ?, ?, ?)", requestId, order.orderNumber(), order.customerId(),
                    keyId, sealed);
            outbox.write(List.of(new Publication(OutboxRelay.queue(job.queue()), requestId, null, null)));
        });
        count("requested");
        log.info("Address change {} of order {} requested", requestId, order.orderNumber());
        return new Status(requestId, order.orderNumber(), "address_change_requested", null);
    }

    /** The request's state, for its customer only: another customer's, or an unknown one, is not found. */
    public Status status(String orderNumber, String requestId, Exchange exchange) {
        Caller caller = exchange.getProperty(Access.CALLER, Caller.class);
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT customer_id, state, reason FROM"
                + " order_address_changes WHERE request_id = ? AND order_number = ?", requestId, orderNumber);
        if (rows.isEmpty() || caller == null || !caller.owns((String) rows.get(0).get("customer_id"))) {
            throw new NotFound("The address change");
        }
        String state = (String) rows.get(0).get("state");
        return new Status(requestId, orderNumber, "requested".equals(state) ? "address_change_requested"
                : "applied".equals(state) ? "address_changed" : "address_change_failed",
                (String) rows.get(0).get("reason"));
    }

    /** The job's first step: the change with its address opened; null when it is settled already. */
    public Claimed claim(String requestId) {
        return jdbc.query("SELECT request_id, order_number, customer_id, key_id, address_sealed FROM"
                + " order_address_changes WHERE request_id = ? AND state = 'requested' AND address_sealed IS NOT NULL",
                this::claimed, requestId).stream().findFirst().orElse(null);
    }

    /** The order platform applied the address. */
    public void applied(Claimed change) {
        settle(change, "applied", null, CHANGED);
        count("applied");
        log.info("Address change {} of order {} applied", change.requestId(), change.orderNumber());
    }

    /**
     * In the catch around the vendor call: an order no longer unfulfilled, gone, or a vendor that refuses the change
     * (a 4xx other than auth and rate limits) fails the change for good; any other failure goes on, for the job's
     * retry.
     */
    public void refusedOrRethrow(Claimed change, Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = failure instanceof NotFound ? "not_found" : failure instanceof Conflict ? "not_changeable" : null;
        for (Throwable t = failure; reason == null && t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http && REFUSALS.contains(http.getStatusCode())) {
                reason = "not_changeable";
            }
        }
        if (reason == null) {
            throw failure != null ? failure : new IllegalStateException("the address change failed");
        }
        settle(change, "failed", reason, FAILED);
        count("failed");
        log.info("Address change {} of order {} failed: {}", change.requestId(), change.orderNumber(), reason);
    }

    private void settle(Claimed change, String state, String reason, String eventType) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderNumber", change.orderNumber());
        data.put("requestId", change.requestId());
        if (reason != null) {
            data.put("reason", reason);
        }
        DomainEvent event = events.event("address:" + change.requestId(), EVENT_SOURCE, eventType, change.orderNumber(),
                Instant.now(), change.customerId(), json.valueToTree(data));
        outbox.commit(() -> jdbc.update("UPDATE order_address_changes SET state = ?, reason = ?, address_sealed = NULL,"
                        + " key_id = NULL, updated_at = now() WHERE request_id = ? AND state = 'requested'",
                        state, reason, change.requestId()),
                List.of(events.publication(event),
                        new Publication(CacheEvictions.TOPIC, "order:" + change.orderNumber(), "switchboard", eventType)));
    }

    private Claimed claimed(ResultSet rs, int n) throws SQLException {
        String requestId = rs.getString("request_id");
        String opened = cipher.open(rs.getString("key_id"), rs.getBytes("address_sealed"), context(requestId));
        try {
            return new Claimed(requestId, rs.getString("order_number"), rs.getString("customer_id"),
                    json.readValue(opened, ShippingAddress.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("address change " + requestId + " is unreadable");
        }
    }

    static String context(String requestId) {
        return "order_address_changes/" + requestId + "/address";
    }

    private String write(ShippingAddress address) {
        try {
            return json.writeValueAsString(address);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("address not serializable");
        }
    }

    private void count(String outcome) {
        Counter.builder("switchboard.order.address.changes").tag("outcome", outcome)
                .description("Order address changes: requested, applied, failed")
                .register(metrics).increment();
    }
}
