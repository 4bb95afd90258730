package io.switchboard.model;

import java.time.Instant;

/**
 * What {@code direct:crm.activity.log} writes to the CRM: one conversation event on the customer's record (a note
 * in HubSpot, a completed Task in Salesforce). The adapter answers the CRM's id of the activity it created.
 *
 * @param eventId        the hub's id of the conversation event, unique; the key that keeps an activity from being
 *                       logged twice
 * @param customerId     the CRM's id of the customer (the {@code sub} of their tokens)
 * @param conversationId the chat conversation the event belongs to; null for a reaction to a domain event
 * @param type           message, escalated or resolved; for a reaction, its one-line subject
 * @param role           customer, assistant or agent, for messages
 * @param text           what was said, if anything
 * @param at             when it happened
 */
public record CrmActivity(String eventId, String customerId, String conversationId, String type, String role,
                          String text, Instant at) {

    /**
     * A one-line subject for the CRM's activity list. An activity of no conversation (a reaction to a domain event)
     * has its subject in {@code type}.
     */
    public String subject() {
        if (conversationId == null) {
            return type;
        }
        return "Chat " + conversationId + ": " + type + (role == null ? "" : " (" + role + ")");
    }
}
