/**
 * Webhook ingress: one verifier per vendor signature scheme, the event id that dedupes deliveries, and the durable
 * enqueue that must succeed before a vendor gets its 200.
 */
package io.switchboard.ingress;
