package io.switchboard.conflicts;

import java.time.Instant;

/**
 * One field's value as a source has it, with the source's own time of the change.
 *
 * @param value     the value (null: the source cleared it)
 * @param source    the system it came from ({@code shopify}, {@code hubspot}, ...)
 * @param timestamp when that system says the change was made
 */
public record FieldValue(String value, String source, Instant timestamp) {
}
