package io.switchboard.privacy;

import java.time.Instant;

/**
 * One event of a chat conversation as the chat backend reports it ({@code POST /api/v1/conversations/{id}/events}).
 *
 * @param customerId the customer the conversation is with (the {@code sub} of the caller's token)
 * @param type       message, escalated, resolved or csat
 * @param role       customer, assistant or agent; optional
 * @param text       what was said; optional
 * @param at         when it happened, as the chat backend says
 * @param score      the customer's satisfaction, 1 to 5: on csat events only
 */
public record ConversationEvent(String conversationId, String customerId, String type, String role, String text,
                                Instant at, Integer score) {

    public ConversationEvent(String conversationId, String customerId, String type, String role, String text,
                             Instant at) {
        this(conversationId, customerId, type, role, text, at, null);
    }
}
