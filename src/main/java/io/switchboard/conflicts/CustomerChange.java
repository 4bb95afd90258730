package io.switchboard.conflicts;

import java.time.Instant;
import java.util.Map;

/**
 * What a system of record says changed on one customer: field (in the hub's names, {@code email}, {@code phone},
 * {@code address.city}, ...) to new value (null for a cleared one), at the system's own time.
 */
public record CustomerChange(String customerId, Map<String, String> fields, Instant at) {
}
