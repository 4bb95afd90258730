package io.switchboard.health;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import java.time.Duration;
import org.apache.activemq.artemis.api.core.client.FailoverEventType;
import org.apache.activemq.artemis.jms.client.ActiveMQConnection;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.jms.connection.SingleConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * The {@code broker} health component, in the readiness group: DOWN while the hub has lost its broker connection,
 * UP again once the client has reconnected. Spring Boot's {@code jms} indicator cannot tell: the broker URL reconnects
 * by itself, so the cached connection it asks for stays open (and answers) while the broker is away.
 * <p>
 * This keeps one connection of its own and follows it by the client's events (failure detected, reconnected,
 * given up) rather than by asking the broker, so a probe costs a field read. Only while there is no connection (none
 * yet, or the client gave up) does a check open one, at most once per {@code switchboard.health.broker.reopen-every}.
 */
@Component("brokerHealthIndicator")
public class BrokerHealth implements HealthIndicator, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(BrokerHealth.class);

    private final ActiveMQConnectionFactory artemis;
    private final long reopenEveryNanos;
    private volatile Connection watched;
    private volatile boolean connected;
    private long lastOpenAttempt;
    private boolean attempted;

    public BrokerHealth(ConnectionFactory connections,
                        @Value("${switchboard.health.broker.reopen-every:1s}") Duration reopenEvery) {
        this.artemis = artemis(connections);
        this.reopenEveryNanos = reopenEvery.toNanos();
    }

    @Override
    public Health health() {
        if (!connected) {
            openIfDue();
        }
        return connected ? Health.up().build() : Health.down().build();
    }

    private synchronized void openIfDue() {
        long now = System.nanoTime();
        if (watched != null || artemis == null || (attempted && now - lastOpenAttempt < reopenEveryNanos)) {
            return;
        }
        attempted = true;
        lastOpenAttempt = now;
        Connection connection = null;
        try {
            connection = artemis.createConnection();
            ActiveMQConnection client = (ActiveMQConnection) connection;
            client.setFailoverListener(this::failover);
            client.setExceptionListener(failure -> {
                // a failure the client recovered from is reported as such; any other leaves it closed for good
                if (!ActiveMQConnection.EXCEPTION_FAILOVER.equals(failure.getErrorCode())) {
                    drop(client);
                }
            });
            watched = connection;
            connected = true;
        } catch (JMSException | RuntimeException e) {
            log.debug("No broker connection: {}", e.toString());
            close(connection);
        }
    }

    private void failover(FailoverEventType event) {
        switch (event) {
            case FAILURE_DETECTED -> {
                connected = false;
                log.warn("Broker connection lost: readiness is DOWN until the client reconnects");
            }
            case FAILOVER_COMPLETED -> {
                connected = true;
                log.info("Broker connection back: readiness is UP");
            }
            case FAILOVER_FAILED -> {
                // not closed on the client's own callback thread
                Connection given = watched;
                connected = false;
                new Thread(() -> drop(given), "broker-health-close").start();
            }
        }
    }

    /** The client gave the connection up: the next check after {@code reopen-every} opens another. */
    private synchronized void drop(Connection connection) {
        if (connection != null && connection == watched) {
            connected = false;
            watched = null;
            close(connection);
        }
    }

    @Override
    public synchronized void destroy() {
        connected = false;
        close(watched);
        watched = null;
    }

    private static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (JMSException | RuntimeException e) {
            log.debug("Closing the watched broker connection failed: {}", e.toString());
        }
    }

    static ActiveMQConnectionFactory artemis(ConnectionFactory factory) {
        if (factory instanceof ActiveMQConnectionFactory artemis) {
            return artemis;
        }
        return factory instanceof SingleConnectionFactory single ? artemis(single.getTargetConnectionFactory()) : null;
    }
}
