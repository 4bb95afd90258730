package io.switchboard.model;

import java.time.Instant;

/** An open ticket of a customer, as the context endpoint shows it. */
public record TicketSummary(String id, String subject, String status, String priority, Instant updatedAt) {
}
