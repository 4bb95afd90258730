/**
 * Webhook ingress: one verifier per vendor signature scheme, the event id that dedupes deliveries, and the durable
 * enqueue that must succeed before a vendor gets its 200. Its workers' retries and dead letters also serve the
 * hub's own job queues ({@link io.switchboard.ingress.JobWorkers}).
 */
package io.switchboard.ingress;
