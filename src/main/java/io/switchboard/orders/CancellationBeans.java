package io.switchboard.orders;

import io.switchboard.jobs.JobQueue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job {@code order-cancellation} (routes/jobs/order-cancellation.camel.yaml), on the durable queue
 * {@code jobs.order-cancellation}; the message is the job ({@link CancellationJob}, JSON). A job that used up
 * {@code switchboard.orders.cancellation.retry-schedule} is dead-lettered like every job, and reported failed.
 */
@Configuration(proxyBeanMethods = false)
public class CancellationBeans {

    public static final String NAME = "order-cancellation";

    @Bean
    JobQueue orderCancellationJobQueue(CancellationProperties properties) {
        return new JobQueue(NAME, properties.retrySchedule(), properties.consumers(), true);
    }
}
