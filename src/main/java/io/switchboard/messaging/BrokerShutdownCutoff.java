package io.switchboard.messaging;

import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Lets the hub shut down while the broker is away. The broker URL reconnects without end
 * ({@code reconnectAttempts=-1}), and while the Artemis client reconnects, a thread asking it for a session waits,
 * holding the connection, for as long as the broker is away; the shutdown's close of that connection then waits as
 * long (seen: a hub that never exited after SIGTERM). When the shutdown is still going after
 * {@code switchboard.shutdown.broker-cutoff}, far more than it takes with a broker, this closes the client's server
 * locator: the reconnection ends, the waiting threads get an exception, and the shutdown goes on.
 */
@Component
public class BrokerShutdownCutoff implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BrokerShutdownCutoff.class);

    private final ConnectionFactory connections;
    private final Duration cutoff;
    private volatile boolean running;
    private volatile Thread timer;

    public BrokerShutdownCutoff(ConnectionFactory connections,
                                @Value("${switchboard.shutdown.broker-cutoff:15s}") Duration cutoff) {
        this.connections = connections;
        this.cutoff = cutoff;
    }

    @Override
    public void start() {
        running = true;
    }

    /** The first step of the shutdown (the highest phase): the cut-off counts from here. */
    @Override
    public void stop() {
        running = false;
        ActiveMQConnectionFactory artemis = artemis(connections);
        if (artemis == null) {
            return;
        }
        Thread cutter = new Thread(() -> {
            try {
                Thread.sleep(cutoff.toMillis());
            } catch (InterruptedException finishedInTime) {
                return;
            }
            log.warn("Shutdown still waiting for the broker after {}: closing its connections", cutoff);
            artemis.close();
        }, "broker-shutdown-cutoff");
        cutter.setDaemon(true);
        cutter.start();
        timer = cutter;
    }

    /** The context is closed: the shutdown finished in time. */
    @Override
    public void destroy() {
        Thread cutter = timer;
        if (cutter != null) {
            cutter.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private static ActiveMQConnectionFactory artemis(ConnectionFactory factory) {
        if (factory instanceof ActiveMQConnectionFactory artemis) {
            return artemis;
        }
        return factory instanceof SingleConnectionFactory single ? artemis(single.getTargetConnectionFactory()) : null;
    }
}
