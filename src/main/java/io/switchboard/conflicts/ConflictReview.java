package io.switchboard.conflicts;

import java.time.Instant;

/**
 * A change held back for an operator: the field's record when it came ({@code current}, null when the field had
 * none) and the change ({@code proposed}).
 *
 * @param state      {@code pending}, {@code accepted} or {@code rejected}
 * @param resolvedBy the operator's actor ({@code apikey:<id>}) once resolved
 */
public record ConflictReview(String id, String dataType, String entityId, String field, FieldValue current,
                             FieldValue proposed, String state, Instant createdAt, Instant resolvedAt,
                             String resolvedBy) {

    public static final String PENDING = "pending";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
}
