package io.switchboard.ingress;

import io.switchboard.jobs.JobQueue;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One worker route per job ({@code job-worker-<name>}): a transacted consumer of the job's queue handing each job's
 * key to {@code direct:jobs.<name>}. Built like the webhook workers, so that a failure is rescheduled or
 * dead-lettered by {@link WebhookRetries} in the same broker transaction as the consume.
 */
@Component
public class JobWorkers extends RouteBuilder {

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
                    .routeConfigurationId(WebhookWorkers.WORKER_ERRORS)
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
        if (message.getHeader(WebhookQueues.EVENT_ID) == null) {
            message.setHeader(WebhookQueues.EVENT_ID, key);
        }
        if (message.getHeader(WebhookQueues.RECEIVED_AT) == null) {
            message.setHeader(WebhookQueues.RECEIVED_AT, Instant.now().toString());
        }
    }
}
