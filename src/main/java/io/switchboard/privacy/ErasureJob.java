package io.switchboard.privacy;

import io.switchboard.jobs.JobQueue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job {@code privacy-erasure}: one erasure request carried out (routes/jobs/privacy-erasure.camel.yaml), on the
 * durable queue {@code jobs.privacy-erasure}; the message is the request id, nothing else.
 */
@Configuration(proxyBeanMethods = false)
public class ErasureJob {

    public static final String NAME = "privacy-erasure";

    @Bean
    JobQueue privacyErasureJobQueue(ErasureProperties settings) {
        return new JobQueue(NAME, settings.retrySchedule(), settings.consumers());
    }
}
