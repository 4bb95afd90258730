package io.switchboard.conflicts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.switchboard.errors.Conflict;
import io.switchboard.errors.NotFound;
import io.switchboard.security.AuditLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The local record of synchronized fields (PostgreSQL {@code field_values}) and the changes it takes: each changed
 * field is decided by its rule ({@link ConflictRules}) against its record, in one transaction per entity that holds
 * the entity's lock (a transaction-scoped advisory lock, so that two changes to one entity, on any instances, are
 * decided one after the other). Applied values are recorded and handed to the data type's {@link FieldTarget};
 * held-back ones wait in {@code conflict_reviews} until an operator accepts or rejects them. Meters:
 * {@code switchboard_conflict_changes_total{type,outcome}} (applied, kept, review) per field, and
 * {@code switchboard_conflicts_pending}, the review queue's size.
 */
@Component
public class FieldLedger {

    /** What became of one change, by field. {@code reviews} are the ids of the reviews it opened. */
    public record Outcome(Set<String> applied, Set<String> kept, List<String> reviews) {
        public boolean changedAnything() {
            return !applied.isEmpty();
        }
    }

    private static final String RECORD = "SELECT field, value, source, source_timestamp FROM field_values"
            + " WHERE data_type = ? AND entity_id = ?";
    private static final String UPSERT = "INSERT INTO field_values (data_type, entity_id, field, value, source,"
            + " source_timestamp) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (data_type, entity_id, field) DO UPDATE SET"
            + " value = EXCLUDED.value, source = EXCLUDED.source, source_timestamp = EXCLUDED.source_timestamp,"
            + " recorded_at = now()";
    private static final String REVIEW_COLUMNS = "id, data_type, entity_id, field, current_value, current_source,"
            + " current_at, proposed_value, proposed_source, proposed_at, state, created_at, resolved_at, resolved_by";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ConflictRules rules;
    private final Map<String, FieldTarget> targets;
    private final AuditLog audit;
    private final MeterRegistry meters;

    public FieldLedger(JdbcTemplate jdbc, TransactionTemplate transaction, ConflictRules rules,
                       List<FieldTarget> targets, AuditLog audit, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.rules = rules;
        this.targets = targets.stream().collect(Collectors.toMap(FieldTarget::dataType, Function.identity()));
        this.audit = audit;
        this.meters = meters;
        Gauge.builder("switchboard.conflicts.pending", this::pendingCount)
                .description("Changes waiting in the conflict review queue").register(meters);
    }

    /**
     * Decides a change a source made to some fields of an entity at {@code sourceTimestamp} (its own clock) and
     * applies what its rules let through.
     */
    public Outcome apply(String type, String entityId, String source, Map<String, String> changes,
                         Instant sourceTimestamp) {
        return transaction.execute(status -> {
            lock(type, entityId);
            Map<String, FieldValue> record = record(type, entityId);
            Set<String> applied = new LinkedHashSet<>();
            Set<String> kept = new LinkedHashSet<>();
            List<String> reviews = new ArrayList<>();
            changes.forEach((field, value) -> {
                FieldValue current = record.get(field);
                FieldValue proposed = new FieldValue(value, source, sourceTimestamp);
                boolean sameValue = current != null && Objects.equals(current.value(), value);
                switch (rules.rule(type, field).decide(current, proposed)) {
                    case APPLY -> {
                        write(type, entityId, field, proposed);
                        record.put(field, proposed);
                        (sameValue ? kept : applied).add(field);
                    }
                    case REVIEW -> {
                        if (sameValue) {
                            kept.add(field);   // the sources agree: nothing to decide
                        } else {
                            reviews.add(openReview(type, entityId, field, current, proposed));
                        }
                    }
                    case KEEP -> kept.add(field);
                }
            });
            if (!applied.isEmpty() && targets.containsKey(type)) {
                targets.get(type).write(entityId, applied, record);
            }
            count(type, "applied", applied.size());
            count(type, "kept", kept.size());
            count(type, "review", reviews.size());
            return new Outcome(applied, kept, reviews);
        });
    }

    /** The entity's fields as recorded. */
    public Map<String, FieldValue> record(String type, String entityId) {
        Map<String, FieldValue> record = new LinkedHashMap<>();
        jdbc.query(RECORD, (ResultSet rs) -> {
            record.put(rs.getString("field"), new FieldValue(rs.getString("value"), rs.getString("source"),
                    rs.getTimestamp("source_timestamp").toInstant()));
        }, type, entityId);
        return record;
    }

    /** Reviews in a state (null: any), oldest first. */
    public List<ConflictReview> reviews(String state, String type, int offset, int limit) {
        return jdbc.query("SELECT " + REVIEW_COLUMNS + " FROM conflict_reviews WHERE (?::text IS NULL OR state = ?)"
                        + " AND (?::text IS NULL OR data_type = ?) ORDER BY created_at, id OFFSET ? LIMIT ?",
                (rs, n) -> review(rs), state, state, type, type, offset, limit);
    }

    public java.util.Optional<ConflictReview> review(String id) {
        return jdbc.query("SELECT " + REVIEW_COLUMNS + " FROM conflict_reviews WHERE id = ?", (rs, n) -> review(rs), id)
                .stream().findFirst();
    }

    /**
     * An operator's decision on a pending review: accepting applies the held-back value (recorded with its source and
     * timestamp, and written to the data type's target), rejecting leaves the record as it is. Audited.
     *
     * @throws NotFound for an unknown review
     * @throws Conflict for one already resolved
     */
    public ConflictReview resolve(String id, boolean accept, String actor) {
        return transaction.execute(status -> {
            ConflictReview review = review(id).orElseThrow(() -> new NotFound("Conflict review " + id));
            lock(review.dataType(), review.entityId());
            // read again under the entity's lock: two operators resolving it at once
            review = jdbc.query("SELECT " + REVIEW_COLUMNS + " FROM conflict_reviews WHERE id = ? FOR UPDATE",
                    (rs, n) -> review(rs), id).get(0);
            if (!ConflictReview.PENDING.equals(review.state())) {
                throw new Conflict("Conflict review " + id + " is already " + review.state());
            }
            String state = accept ? ConflictReview.ACCEPTED : ConflictReview.REJECTED;
            jdbc.update("UPDATE conflict_reviews SET state = ?, resolved_at = now(), resolved_by = ? WHERE id = ?",
                    state, actor, id);
            if (accept) {
                write(review.dataType(), review.entityId(), review.field(), review.proposed());
                Map<String, FieldValue> record = record(review.dataType(), review.entityId());
                if (targets.containsKey(review.dataType())) {
                    targets.get(review.dataType()).write(review.entityId(), Set.of(review.field()), record);
                }
            }
            // names what was decided, never the values (a customer's email may be one)
            audit.record(actor, "conflict." + (accept ? "accept" : "reject"), state, id + " " + review.dataType()
                    + " " + review.entityId() + " " + review.field() + " from " + review.proposed().source());
            count(review.dataType(), state, 1);
            return review(id).orElseThrow();
        });
    }

    public long pendingCount() {
        Long pending = jdbc.queryForObject("SELECT count(*) FROM conflict_reviews WHERE state = 'pending'", Long.class);
        return pending == null ? 0 : pending;
    }

    private void lock(String type, String entityId) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", Object.class,
                "field_values:" + type + ":" + entityId);
    }

    private void write(String type, String entityId, String field, FieldValue value) {
        jdbc.update(UPSERT, type, entityId, field, value.value(), value.source(), Timestamp.from(value.timestamp()));
    }

    /** A review for the change, or the one already open for the same change (a sync run repeated). */
    private String openReview(String type, String entityId, String field, FieldValue current, FieldValue proposed) {
        List<String> open = jdbc.queryForList("SELECT id FROM conflict_reviews WHERE state = 'pending'"
                + " AND data_type = ? AND entity_id = ? AND field = ? AND proposed_source = ? AND proposed_at = ?"
                + " AND proposed_value IS NOT DISTINCT FROM ?", String.class, type, entityId, field, proposed.source(),
                Timestamp.from(proposed.timestamp()), proposed.value());
        if (!open.isEmpty()) {
            return open.get(0);
        }
        String id = "cfr_" + UUID.randomUUID();
        jdbc.update("INSERT INTO conflict_reviews (id, data_type, entity_id, field, current_value, current_source,"
                        + " current_at, proposed_value, proposed_source, proposed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, type, entityId, field, current == null ? null : current.value(),
                current == null ? null : current.source(),
                current == null ? null : Timestamp.from(current.timestamp()), proposed.value(), proposed.source(),
                Timestamp.from(proposed.timestamp()));
        audit.record("system:conflicts", "conflict.review", "queued", id + " " + type + " " + entityId + " " + field
                + " from " + proposed.source());
        return id;
    }

    private void count(String type, String outcome, int fields) {
        if (fields > 0) {
            Counter.builder("switchboard.conflict.changes").description("Changed fields by what their rule decided")
                    .tag("type", type).tag("outcome", outcome).register(meters).increment(fields);
        }
    }

    private static ConflictReview review(ResultSet rs) throws SQLException {
        Timestamp currentAt = rs.getTimestamp("current_at");
        FieldValue current = rs.getString("current_source") == null ? null : new FieldValue(
                rs.getString("current_value"), rs.getString("current_source"),
                currentAt == null ? null : currentAt.toInstant());
        Timestamp resolvedAt = rs.getTimestamp("resolved_at");
        return new ConflictReview(rs.getString("id"), rs.getString("data_type"), rs.getString("entity_id"),
                rs.getString("field"), current,
                new FieldValue(rs.getString("proposed_value"), rs.getString("proposed_source"),
                        rs.getTimestamp("proposed_at").toInstant()),
                rs.getString("state"), rs.getTimestamp("created_at").toInstant(),
                resolvedAt == null ? null : resolvedAt.toInstant(), rs.getString("resolved_by"));
    }
}
