/**
 * The broker plumbing webhook deliveries and jobs share: transacted sessions and background loops, messages and
 * their bundles, the retry schedule's rescheduled copies and the dead-letter queues (listed, replayed, erased),
 * queue depths and the delivery metrics.
 */
package io.switchboard.messaging;
