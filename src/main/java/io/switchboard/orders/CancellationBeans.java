package io.switchboard.orders;

import io.switchboard.jobs.JobRetries;
import jakarta.jms.ConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the order cancellation job's routes name. */
@Configuration(proxyBeanMethods = false)
public class CancellationBeans {

    /** The job queue's retries: {@code switchboard.orders.cancellation.retry-schedule}, then its dead letters. */
    @Bean
    JobRetries orderCancellationRetries(CancellationProperties properties, ConnectionFactory connections) {
        return new JobRetries(OrderCancellations.QUEUE, properties.retrySchedule(), connections);
    }
}
