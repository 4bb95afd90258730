package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A canonical domain event of the catalog (docs/events.md) in the CloudEvents 1.0 envelope, structured JSON mode:
 * what {@code switchboard.events} carries for subscribers, and the body of every outbound webhook delivery.
 *
 * @param id         unique per source; consumers dedupe by it, and it is a delivery's {@code webhook-id}
 * @param source     where it happened: {@code /switchboard/conversations}, {@code /webhooks/shopify}, ...
 * @param type       the catalog's name: {@code order.shipped}, {@code ticket.created}, ...
 * @param subject    what it is about, within the source: an order number, a conversation id, a ticket id
 * @param time       when it happened (RFC 3339)
 * @param customerid extension attribute: the customer it concerns, when one is known (consent is checked on it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DomainEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        String time,
        String datacontenttype,
        String customerid,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    /** An event of this version with JSON data. */
    public static DomainEvent of(String id, String source, String type, String subject, java.time.Instant time,
                                 String customerId, JsonNode data) {
        return new DomainEvent(SPEC_VERSION, id, source, type, subject, time.toString(), JSON, customerId, data);
    }
}
