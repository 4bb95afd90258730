package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.support.HubTest;
import java.time.Duration;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The domain events' consumers on the Artemis topic: each subscription (reactions, notifications, subscribers) is
 * shared by {@code switchboard.events.artemis.consumers} consumers of this instance.
 */
@HubTest
class ArtemisSubscriptionsTest {

    @Autowired
    EmbeddedActiveMQ broker;

    @Value("${switchboard.events.artemis.consumers}")
    int consumers;

    @Test
    void everySubscriptionHasTheConfiguredConsumers() {
        assertThat(consumers).isEqualTo(3);
        for (String subscription : new String[] {"switchboard-reactions", "switchboard-notifications",
                "switchboard-subscribers"}) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Queue queue = broker.getActiveMQServer().locateQueue(SimpleString.of(subscription));
                assertThat(queue).as(subscription).isNotNull();
                assertThat(queue.getAddress().toString()).isEqualTo("switchboard.events");
                assertThat(queue.getConsumerCount()).as(subscription).isEqualTo(consumers);
            });
        }
    }
}
