package io.switchboard.subscribers;

import io.switchboard.jobs.JobQueue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job {@code subscriber-delivery}: one domain event sent to one subscriber
 * (routes/jobs/subscriber-delivery.camel.yaml), on the durable queue {@code jobs.subscriber-delivery}; its failures
 * are retried and dead-lettered as every job's, and listed and replayed through {@code /admin/dead-letters}.
 */
@Configuration(proxyBeanMethods = false)
public class SubscriberDeliveryJob {

    public static final String NAME = "subscriber-delivery";

    @Bean
    JobQueue subscriberDeliveryJobQueue(SubscribersProperties settings) {
        return new JobQueue(NAME, settings.retrySchedule(), settings.consumers());
    }
}
