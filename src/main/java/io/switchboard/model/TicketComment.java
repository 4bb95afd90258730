package io.switchboard.model;

/**
 * What {@code direct:helpdesk.ticket.comment} adds to a ticket: an internal note (not shown to the customer). The
 * adapter answers the helpdesk's id of what it created.
 *
 * @param ticketId the helpdesk's id (or key) of the ticket
 * @param text     the note, plain text
 * @param eventId  the hub's event the note is about; written into the note, so that it can be traced
 */
public record TicketComment(String ticketId, String text, String eventId) {

    /** The note as every helpdesk is given it: the text, then the event it is about. */
    public String note() {
        return text + "\n\nSwitchboard event " + eventId;
    }
}
