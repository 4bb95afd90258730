package io.switchboard.notifications;

import io.switchboard.jobs.JobQueue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job {@code notification}: one domain event's email (routes/jobs/notification.camel.yaml), on the durable queue
 * {@code jobs.notification}, keyed by the event's id.
 */
@Configuration(proxyBeanMethods = false)
public class NotificationJob {

    public static final String NAME = "notification";

    @Bean
    JobQueue notificationJobQueue(NotificationProperties settings) {
        return new JobQueue(NAME, settings.retrySchedule(), settings.consumers());
    }
}
