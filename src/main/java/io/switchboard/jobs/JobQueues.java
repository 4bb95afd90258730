package io.switchboard.jobs;

import io.switchboard.messaging.RetryingQueues;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Every job declared (each a {@link JobQueue} bean): its queue is retried on its schedule, then dead-lettered. */
@Component
public class JobQueues implements RetryingQueues.Owner {

    private final List<JobQueue> jobs;

    public JobQueues(ObjectProvider<JobQueue> jobs) {
        this.jobs = jobs.orderedStream().toList();
    }

    public List<JobQueue> all() {
        return jobs;
    }

    @Override
    public Collection<RetryingQueues.Retrying> retryingQueues() {
        return jobs.stream()
                .map(job -> new RetryingQueues.Retrying(job.name(), job.queue(), job.retrySchedule(), "jobs"))
                .toList();
    }
}
