package io.switchboard.orders;

import io.switchboard.jobs.JobQueue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job {@code order-address-change}: one accepted address change carried out at the order platform
 * (routes/jobs/order-address-change.camel.yaml), on the durable queue {@code jobs.order-address-change}. Its key is
 * the request id: the address itself rests sealed in PostgreSQL, never in the broker's journal.
 */
@Configuration(proxyBeanMethods = false)
public class AddressChangeJob {

    public static final String NAME = "order-address-change";

    @Bean
    JobQueue orderAddressChangeJobQueue(AddressChangeProperties settings) {
        return new JobQueue(NAME, settings.retrySchedule(), settings.consumers());
    }
}
