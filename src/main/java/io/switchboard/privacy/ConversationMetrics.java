package io.switchboard.privacy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The business side of conversation events: {@code switchboard_conversations_started_total} (a conversation's first
 * event), {@code _escalated_total} (its first escalation to a human), {@code _resolved_total} and
 * {@code _completed_total} (resolved, without a human ever joining), and {@code switchboard_conversation_csat_score}
 * (a histogram of the 1–5 scores, buckets 1 to 5). Rates are ratios of these in PromQL (the recording rules in
 * {@code ops/prometheus/alerts.yaml}).
 */
@Component
public class ConversationMetrics {

    private final JdbcTemplate jdbc;
    private final Counter started;
    private final Counter escalated;
    private final Counter resolved;
    private final Counter completed;
    private final DistributionSummary csat;

    public ConversationMetrics(JdbcTemplate jdbc, MeterRegistry registry) {
        this.jdbc = jdbc;
        started = counter(registry, "started", "Conversations begun (their first event)");
        escalated = counter(registry, "escalated", "Conversations handed to a human (their first escalation)");
        resolved = counter(registry, "resolved", "Conversations resolved");
        completed = counter(registry, "completed", "Conversations resolved without a human");
        csat = DistributionSummary.builder("switchboard.conversation.csat.score")
                .description("Customer satisfaction scores reported by the chat backend, 1 to 5")
                .serviceLevelObjectives(1, 2, 3, 4, 5).register(registry);
    }

    /** Counts a stored event; {@code first}: it began its conversation. */
    public void stored(ConversationEvent event, boolean first) {
        if (first) {
            started.increment();
        }
        switch (event.type()) {
            case "escalated" -> {
                if (count(event, "escalated") == 1) {
                    escalated.increment();
                }
            }
            case "resolved" -> {
                resolved.increment();
                if (count(event, "escalated") == 0) {
                    completed.increment();
                }
            }
            case "csat" -> csat.record(event.score());
            default -> { }
        }
    }

    private int count(ConversationEvent event, String type) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM conversation_events WHERE conversation_id = ?"
                + " AND type = ?", Integer.class, event.conversationId(), type);
        return count == null ? 0 : count;
    }

    private static Counter counter(MeterRegistry registry, String what, String description) {
        return Counter.builder("switchboard.conversations." + what).description(description).register(registry);
    }
}
