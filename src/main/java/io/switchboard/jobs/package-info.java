/**
 * Work the hub does in the background while it is up, and its durable job queues
 * ({@link io.switchboard.jobs.JobQueue}).
 */
package io.switchboard.jobs;
