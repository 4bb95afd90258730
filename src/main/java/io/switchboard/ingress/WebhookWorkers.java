package io.switchboard.ingress;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * One worker route per configured source ({@code webhook-worker-<source>}): a transacted consumer of the source's
 * queue handing each delivery to {@code direct:webhooks.process} (routes/webhooks/process.camel.yaml). A failure is
 * rescheduled or dead-lettered by {@link WebhookRetries}, in the same broker transaction as the consume.
 */
@Component
public class WebhookWorkers extends RouteBuilder {

    static final String WORKER_ERRORS = "webhook-worker";

    private final WebhookSources sources;
    private final int consumers;

    public WebhookWorkers(WebhookSources sources,
                          @Value("${switchboard.webhooks.consumers-per-source:4}") int consumers) {
        this.sources = sources;
        this.consumers = consumers;
    }

    /** A failed delivery is rescheduled or dead-lettered, never rolled back for an immediate redelivery. */
    @Component
    static class WorkerErrors extends RouteConfigurationBuilder {

        private final WebhookRetries retries;

        WorkerErrors(WebhookRetries retries) {
            this.retries = retries;
        }

        @Override
        public void configuration() {
            routeConfiguration(WORKER_ERRORS).onException(Exception.class).handled(true).process(retries);
        }
    }

    @Override
    public void configure() {
        for (WebhookSources.Bound source : sources.all()) {
            from("jms:queue:" + WebhookQueues.queue(source.name())
                    + "?transacted=true&concurrentConsumers=" + consumers + "&cacheLevelName=CACHE_CONSUMER")
                    .routeId("webhook-worker-" + source.name())
                    .routeConfigurationId(WORKER_ERRORS)
                    .process(WebhookRetries::remember)
                    .to("direct:webhooks.process")
                    .process(exchange -> WebhookRetries.forget());
        }
    }
}
