/**
 * The one mechanism for the hub's durable job queues: a job is declared as a {@link io.switchboard.jobs.JobQueue}
 * bean, worked by {@link io.switchboard.jobs.JobWorkers} (a transacted consumer handing each job to
 * {@code direct:jobs.<name>}), retried on its schedule and then dead-lettered like every other queue the hub owns,
 * so the admin API lists and replays its dead letters.
 */
package io.switchboard.jobs;
