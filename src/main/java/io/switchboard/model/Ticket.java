package io.switchboard.model;

/** A ticket as the helpdesk opened it. {@code url} is the agents' link, when the vendor gives one. */
public record Ticket(String ticketId, String url, String priority) {
}
