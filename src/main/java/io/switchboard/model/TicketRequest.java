package io.switchboard.model;

import java.util.List;

/** What {@code direct:helpdesk.ticket.create} is asked to open: one ticket per conversation. */
public record TicketRequest(String conversationId, String customerId, String subject,
                            List<TranscriptEntry> transcript, String priority) {

    public TicketRequest {
        transcript = List.copyOf(transcript);
    }

    /** The transcript as a ticket's first comment. */
    public String transcriptText() {
        StringBuilder text = new StringBuilder();
        for (TranscriptEntry entry : transcript) {
            text.append('[').append(entry.at()).append("] ").append(entry.role()).append(": ").append(entry.text())
                    .append('\n');
        }
        return text.toString();
    }
}
