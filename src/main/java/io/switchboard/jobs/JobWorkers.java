package io.switchboard.jobs;

import io.switchboard.messaging.WebhookQueues;
import io.switchboard.messaging.WebhookRetries;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.support.builder.PredicateBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One worker route per job ({@code job-worker-<name>}): a transacted consumer of the job's queue handing each job's
 * key to {@code direct:jobs.<name>}. A failure is rescheduled or dead-lettered by {@link WebhookRetries}, as a webhook
 * delivery's is, in the same broker transaction as the consume; a job that {@link JobQueue#reportsDeadLetters()} then
 * hands its dead-lettered key to {@code direct:jobs.<name>.dead-lettered}, in that transaction too.
 */
@Component
public class JobWorkers extends RouteBuilder {

    static final String WORKER_ERRORS = "job-worker";
    /** Exchange property naming the route told of the job once dead-lettered, for a job that has one. */
    static final String DEAD_LETTER_ENDPOINT = "jobDeadLetterEndpoint";

    /**
     * A failed job is rescheduled or dead-lettered, never rolled back for an immediate redelivery; a dead-lettered
     * job's key goes to its dead-letter route, if it has one. (A named route configuration: the default one that
     * every other route gets has no error handler at all.)
     */
    @Component
    static class WorkerErrors extends RouteConfigurationBuilder {

        private final WebhookRetries retries;

        WorkerErrors(WebhookRetries retries) {
            this.retries = retries;
        }

        @Override
        public void configuration() {
            routeConfiguration(WORKER_ERRORS).onException(Exception.class).handled(true)
                    .process(retries)
                    .filter(PredicateBuilder.and(exchangeProperty(WebhookRetries.DEAD_LETTERED).isEqualTo(true),
                            exchangeProperty(DEAD_LETTER_ENDPOINT).isNotNull()))
                        .process(WebhookRetries::restore)
                        .toD("${exchangeProperty." + DEAD_LETTER_ENDPOINT + "}")
                    .end();
        }
    }

    private final List<JobQueue> jobs;

    public JobWorkers(ObjectProvider<JobQueue> jobs) {
        this.jobs = jobs.orderedStream().toList();
    }

    @Override
    public void configure() {
        for (JobQueue job : jobs) {
            from("jms:queue:" + job.queue() + "?transacted=true&concurrentConsumers=" + job.consumers()
                    + "&cacheLevelName=CACHE_CONSUMER")
                    .routeId("job-worker-" + job.name())
                    .routeConfigurationId(WORKER_ERRORS)
                    .process(exchange -> label(exchange, job))
                    .process(WebhookRetries::remember)
                    .to(job.endpoint())
                    .process(exchange -> WebhookRetries.forget());
        }
    }

    /**
     * Names a job's message the way the retry machinery names deliveries: its queue's name as the source, its key
     * as the event id, when it was first taken (a retried copy keeps these).
     */
    static void label(Exchange exchange, JobQueue job) {
        Message message = exchange.getMessage();
        String key = message.getBody(String.class);
        message.setBody(key);
        message.setHeader(WebhookQueues.SOURCE, job.name());
        if (job.reportsDeadLetters()) {
            exchange.setProperty(DEAD_LETTER_ENDPOINT, job.deadLetterEndpoint());
        }
        if (message.getHeader(WebhookQueues.EVENT_ID) == null) {
            message.setHeader(WebhookQueues.EVENT_ID, key);
        }
        if (message.getHeader(WebhookQueues.RECEIVED_AT) == null) {
            message.setHeader(WebhookQueues.RECEIVED_AT, Instant.now().toString());
        }
    }
}
