package io.switchboard.local;

import java.time.Duration;
import java.util.Map;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The local run's embedded broker, beyond what Spring Boot sets:
 * <ul>
 *   <li>it also listens on TCP ({@code switchboard.local.broker.tcp-port}, 61616 in the local run; 0 leaves it in-VM
 *   only), so that a second instance, the Artemis CLI or a test can share it as they would a real broker;</li>
 *   <li>its journal gathers writes for {@code switchboard.local.broker.journal-buffer-timeout} before one sync to
 *   disk confirms them all. Artemis defaults to 3.3 ms for its NIO journal (300 syncs a second, sized for slow
 *   disks; {@code artemis create} measures the disk instead), and every commit, a webhook delivery's among them,
 *   waits for it.</li>
 *   <li>it keeps at most {@code switchboard.local.broker.global-max-size} of messages in memory, and pages the rest
 *   to disk. Artemis' default for an embedded broker is half the JVM's heap, the hub's own: a backlog (the domain
 *   events' subscriptions behind a burst of webhooks, say) would fill it, and the hub would spend its time
 *   collecting garbage instead of serving.</li>
 * </ul>
 */
@Component
@Profile("local")
public class EmbeddedBroker implements ArtemisConfigurationCustomizer {

    private final int tcpPort;
    private final Duration journalBufferTimeout;
    private final DataSize globalMaxSize;

    public EmbeddedBroker(@Value("${switchboard.local.broker.tcp-port:0}") int tcpPort,
                          @Value("${switchboard.local.broker.journal-buffer-timeout:200us}")
                          Duration journalBufferTimeout,
                          @Value("${switchboard.local.broker.global-max-size:16MB}") DataSize globalMaxSize) {
        this.tcpPort = tcpPort;
        this.journalBufferTimeout = journalBufferTimeout;
        this.globalMaxSize = globalMaxSize;
    }

    @Override
    public void customize(org.apache.activemq.artemis.core.config.Configuration configuration) {
        if (tcpPort > 0) {
            configuration.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(),
                    Map.of("host", "127.0.0.1", "port", tcpPort), "tcp"));
        }
        int nanos = (int) Math.min(Integer.MAX_VALUE, journalBufferTimeout.toNanos());
        configuration.setJournalBufferTimeout_NIO(nanos);
        configuration.setJournalBufferTimeout_AIO(nanos);
        configuration.setGlobalMaxSize(globalMaxSize.toBytes());
    }
}
