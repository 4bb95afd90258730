package io.switchboard.jobs;

import java.time.Duration;
import java.util.List;

/**
 * A durable queue of the hub's own background work, {@code jobs.<name>} on the broker. A message's body is the key
 * of one job (an id: the worker looks up the rest, so nothing sensitive rests in the broker's journal). A transacted
 * worker hands it to {@code direct:jobs.<name>}; a failure is retried after the delays of the retry schedule, then
 * dead-lettered to {@code jobs.<name>.dlq}: the same machinery as webhook deliveries (messaging.WebhookRetries), and
 * the same admin endpoints list and replay the dead letters. A job is declared as a bean of this type.
 *
 * @param name          the job's name, unique among jobs and webhook sources
 * @param retrySchedule delays between attempts (each ±20 %); after the last, the dead-letter queue
 * @param consumers     concurrent consumers per instance
 * @param reportsDeadLetters whether a dead-lettered job is also handed, with its key as the body, to
 *                      {@code direct:jobs.<name>.dead-lettered} (in the same broker transaction), for a job whose
 *                      giving up must be recorded or told
 */
public record JobQueue(String name, List<Duration> retrySchedule, int consumers, boolean reportsDeadLetters) {

    public JobQueue {
        retrySchedule = List.copyOf(retrySchedule);
    }

    /** A job whose dead letters wait for an operator and nothing else. */
    public JobQueue(String name, List<Duration> retrySchedule, int consumers) {
        this(name, retrySchedule, consumers, false);
    }

    public String queue() {
        return "jobs." + name;
    }

    /** The route that does one job. */
    public String endpoint() {
        return "direct:jobs." + name;
    }

    /** The route told of a dead-lettered job, when {@link #reportsDeadLetters()}. */
    public String deadLetterEndpoint() {
        return endpoint() + ".dead-lettered";
    }
}
