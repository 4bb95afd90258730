package io.switchboard.events;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.events.*}: which bus carries the domain events (the traffic of {@code switchboard.events}), and
 * how to reach Kafka when it does. Cache evictions and job queues stay on Artemis whatever the bus.
 *
 * @param bus   {@code artemis} (the Artemis topic {@code switchboard.events}) or {@code kafka}
 * @param kafka the Kafka bus's settings, used when {@code bus} is {@code kafka}
 */
@ConfigurationProperties("switchboard.events")
public record EventsProperties(@DefaultValue("artemis") Bus bus, @DefaultValue Kafka kafka) {

    /** The buses domain events can travel on. */
    public enum Bus { ARTEMIS, KAFKA }

    /**
     * @param bootstrapServers the brokers to start from ({@code host:port,...})
     * @param topic            the topic of the domain events, keyed by each event's subject
     * @param sendTimeout      the most the outbox relay waits for the brokers to acknowledge a batch; then the
     *                         batch stays in the outbox and is sent again
     * @param properties       further Kafka client settings for the producer and the consumers alike (TLS, SASL:
     *                         {@code security.protocol}, {@code sasl.jaas.config} from the environment, ...)
     */
    public record Kafka(
            @DefaultValue("localhost:9092") String bootstrapServers,
            @DefaultValue("switchboard.events") String topic,
            @DefaultValue("30s") Duration sendTimeout,
            Map<String, String> properties) {

        public Kafka {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }
}
