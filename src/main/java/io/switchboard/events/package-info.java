/**
 * Domain events: vendor webhooks normalized to one canonical envelope, published on the Artemis topic
 * {@code switchboard.events}, and the cache evictions they cause on every instance.
 */
package io.switchboard.events;
