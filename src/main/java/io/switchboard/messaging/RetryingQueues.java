package io.switchboard.messaging;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The queues whose failed messages {@link WebhookRetries} reschedules and then dead-letters, by name: every webhook
 * source's ({@code webhooks.<source>}) and every job's ({@code jobs.<name>}, declared in {@code jobs}). The dead-letter
 * admin API lists and replays all of them. Startup fails when a job and a webhook source share a name.
 */
@Component
public class RetryingQueues {

    /**
     * One queue.
     *
     * @param kind {@code webhooks} or {@code jobs}: the family of its metrics
     */
    public record Retrying(String name, String queue, List<Duration> retrySchedule, String kind) {

        public String deadLetters() {
            return queue + ".dlq";
        }

        /** The tag naming it on its metrics: {@code source} for a webhook source, {@code job} for a job. */
        public String tag() {
            return "jobs".equals(kind) ? "job" : "source";
        }
    }

    private final Map<String, Retrying> queues = new TreeMap<>();

    /** What owns retrying queues declares them (the webhook door its sources', the jobs theirs). */
    public interface Owner {

        Collection<Retrying> retryingQueues();
    }

    public RetryingQueues(ObjectProvider<Owner> owners) {
        owners.orderedStream().flatMap(owner -> owner.retryingQueues().stream()).forEach(queue -> {
            Retrying taken = queues.putIfAbsent(queue.name(), queue);
            if (taken != null) {
                throw new IllegalStateException("Queue " + queue.queue() + " has the name of " + taken.queue());
            }
        });
    }

    /** A webhook source's queue (also for a source no longer configured whose deliveries are still around). */
    public static Retrying webhook(String source, List<Duration> retrySchedule) {
        return new Retrying(source, WebhookQueues.queue(source), retrySchedule, "webhooks");
    }

    public Optional<Retrying> find(String name) {
        return Optional.ofNullable(name == null ? null : queues.get(name));
    }

    /** All of them, by name. */
    public Collection<Retrying> all() {
        return queues.values();
    }
}
