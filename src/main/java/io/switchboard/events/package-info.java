/**
 * Domain events: vendor webhooks normalized to one canonical envelope, published through the outbox on the bus
 * {@code switchboard.events.bus} names (the Artemis topic {@code switchboard.events}, or a Kafka topic keyed by
 * subject), and the cache evictions they cause on every instance (always on Artemis).
 */
package io.switchboard.events;
