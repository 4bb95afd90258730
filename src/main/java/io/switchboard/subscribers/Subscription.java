package io.switchboard.subscribers;

import java.time.Instant;
import java.util.List;

/**
 * A subscriber's endpoint, as the admin API shows it (never its secret).
 *
 * @param eventTypes          the catalog's types it receives; {@code *} for all
 * @param marketing           a marketing system: it receives no event about a customer without marketing consent
 * @param consecutiveFailures failed attempts since the last success; at {@code disable-after} it is disabled
 */
public record Subscription(String id, String name, String url, List<String> eventTypes, boolean marketing,
                           boolean enabled, int consecutiveFailures, Instant disabledAt, String disabledReason,
                           Instant createdAt) {

    public static final String ALL_TYPES = "*";

    public Subscription {
        eventTypes = List.copyOf(eventTypes);
    }
}
