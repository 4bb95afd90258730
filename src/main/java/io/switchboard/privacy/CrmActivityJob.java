package io.switchboard.privacy;

import io.switchboard.jobs.JobQueue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job {@code crm-activity}: one consented conversation event logged on the customer's CRM record
 * (routes/jobs/crm-activity.camel.yaml), on the durable queue {@code jobs.crm-activity}.
 */
@Configuration(proxyBeanMethods = false)
public class CrmActivityJob {

    public static final String NAME = "crm-activity";

    @Bean
    JobQueue crmActivityJobQueue(CrmActivityJobProperties settings) {
        return new JobQueue(NAME, settings.retrySchedule(), settings.consumers());
    }
}
