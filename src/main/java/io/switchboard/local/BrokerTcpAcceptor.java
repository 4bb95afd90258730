package io.switchboard.local;

import java.util.Map;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Opens the embedded broker on TCP ({@code switchboard.local.broker.tcp-port}, 61616 in the local run; 0 leaves it
 * in-VM only), so that a second instance, the Artemis CLI or a test can share it as they would a real broker.
 */
@Component
@Profile("local")
public class BrokerTcpAcceptor implements ArtemisConfigurationCustomizer {

    private final int port;

    public BrokerTcpAcceptor(@Value("${switchboard.local.broker.tcp-port:0}") int port) {
        this.port = port;
    }

    @Override
    public void customize(org.apache.activemq.artemis.core.config.Configuration configuration) {
        if (port > 0) {
            configuration.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(),
                    Map.of("host", "127.0.0.1", "port", port), "tcp"));
        }
    }
}
