/**
 * Webhook ingress: one verifier per vendor signature scheme, the event id that dedupes deliveries, and the durable
 * enqueue that must succeed before a vendor gets its 200. The signature schemes themselves are in
 * {@code ingress.verification}; the retries and dead letters the workers share with the jobs are in
 * {@code messaging}.
 */
package io.switchboard.ingress;
