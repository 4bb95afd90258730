package io.switchboard.reactions;

import io.switchboard.jobs.JobQueue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The job {@code reaction}: one reaction to one domain event (routes/jobs/reaction.camel.yaml), on the durable queue
 * {@code jobs.reaction}; the job's key is {@code <event id>/<reaction>}.
 */
@Configuration(proxyBeanMethods = false)
public class ReactionJob {

    public static final String NAME = "reaction";

    @Bean
    JobQueue reactionJobQueue(ReactionProperties settings) {
        return new JobQueue(NAME, settings.retrySchedule(), settings.consumers());
    }
}
