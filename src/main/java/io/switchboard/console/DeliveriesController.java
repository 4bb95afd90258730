package io.switchboard.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.errors.NotFound;
import io.switchboard.messaging.QueueDepths;
import io.switchboard.messaging.RetryingQueues;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /admin/deliveries}: per webhook source and per job, this instance's counts since start (accepted,
 * duplicate, rejected, processed, retried, dead-lettered) and what waits on the broker now: deliveries pending
 * processing and dead letters. {@code GET /admin/deliveries/{source}/events/{eventId}}: one webhook event's receipt
 * and processing, from the database, so that a replay can be followed until it is processed.
 */
@RestController
public class DeliveriesController {

    private final RetryingQueues queues;
    private final MeterRegistry metrics;
    private final QueueDepths depths;
    private final JdbcTemplate jdbc;

    public DeliveriesController(RetryingQueues queues, MeterRegistry metrics, QueueDepths depths,
                                JdbcTemplate jdbc) {
        this.queues = queues;
        this.metrics = metrics;
        this.depths = depths;
        this.jdbc = jdbc;
    }

    @GetMapping(path = "/admin/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> deliveries() {
        List<Map<String, Object>> items = queues.all().stream().map(this::describe).toList();
        return Map.of("items", items);
    }

    @GetMapping(path = "/admin/deliveries/{source}/events/{eventId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> event(@PathVariable String source, @PathVariable String eventId) {
        List<Instant> received = jdbc.queryForList(
                "SELECT received_at FROM webhook_receipts WHERE source = ? AND event_id = ?", Timestamp.class,
                source, eventId).stream().map(Timestamp::toInstant).toList();
        if (received.isEmpty()) {
            throw new NotFound("Event " + eventId + " of " + source);
        }
        List<Instant> processed = jdbc.queryForList(
                "SELECT processed_at FROM webhook_processed WHERE source = ? AND event_id = ?", Timestamp.class,
                source, eventId).stream().map(Timestamp::toInstant).toList();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("source", source);
        event.put("eventId", eventId);
        event.put("receivedAt", received.get(0));
        event.put("processedAt", processed.isEmpty() ? null : processed.get(0));
        return event;
    }

    private Map<String, Object> describe(RetryingQueues.Retrying queue) {
        boolean webhook = "webhooks".equals(queue.kind());
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", queue.name());
        item.put("kind", queue.kind());
        item.put("accepted", webhook ? count("switchboard.webhooks.accepted", "source", queue.name()) : null);
        item.put("duplicate", webhook ? count("switchboard.webhooks.duplicate", "source", queue.name()) : null);
        item.put("rejected", webhook ? count("switchboard.webhooks.rejected", "source", queue.name()) : null);
        item.put("processed", webhook ? count("switchboard.webhooks.processed", "source", queue.name()) : null);
        item.put("retried", count("switchboard." + queue.kind() + ".retried", queue.tag(), queue.name()));
        item.put("deadLettered", count("switchboard." + queue.kind() + ".dead.lettered", queue.tag(), queue.name()));
        item.put("pending", depths.messages(queue.queue()));
        item.put("deadLetters", depths.messages(queue.deadLetters()));
        return item;
    }

    /** The sum of a counter over its other tags (rejected has a reason), 0 when it never counted. */
    private long count(String name, String tag, String value) {
        return (long) metrics.find(name).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
    }
}
