package io.switchboard.events;

import java.util.List;

/**
 * One vendor's webhooks read into the hub's terms, by a pure function of the delivery: what the vendor's event is
 * about and which of the catalog's domain events (docs/events.md) it announces. One implementation per vendor, in
 * {@code connectors/<vendor>/}, named by its route {@code routes/webhooks/<source>.camel.yaml}.
 */
public interface WebhookMapper {

    /** The delivery with its type, its own time and its subjects ({@code order}, {@code customer}, ...) read. */
    CanonicalEvent normalize(CanonicalEvent received);

    /** The domain events it announces, none for most; the same delivery always gives the same events (ids). */
    List<DomainEvent> domainEvents(CanonicalEvent event);
}
