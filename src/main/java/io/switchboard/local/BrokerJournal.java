package io.switchboard.local;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * How long the embedded broker's journal gathers writes before one sync to disk confirms them all
 * ({@code switchboard.local.broker.journal-buffer-timeout}). Artemis defaults to 3.3 ms for its NIO journal (300
 * syncs a second, sized for slow disks; {@code artemis create} measures the disk instead): every commit, a webhook
 * delivery's among them, waits for it. A disk that syncs in a fraction of that is better served by a shorter one.
 */
@Component
@Profile("local")
public class BrokerJournal implements ArtemisConfigurationCustomizer {

    private final Duration bufferTimeout;

    public BrokerJournal(@Value("${switchboard.local.broker.journal-buffer-timeout:200us}") Duration bufferTimeout) {
        this.bufferTimeout = bufferTimeout;
    }

    @Override
    public void customize(org.apache.activemq.artemis.core.config.Configuration configuration) {
        int nanos = (int) Math.min(Integer.MAX_VALUE, bufferTimeout.toNanos());
        configuration.setJournalBufferTimeout_NIO(nanos);
        configuration.setJournalBufferTimeout_AIO(nanos);
    }
}
