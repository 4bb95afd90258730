package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.messaging.QueueDepths;
import io.switchboard.messaging.RetryingQueues;
import io.switchboard.messaging.TopicSubscriptions;
import io.switchboard.support.HubTest;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.jms.JmsEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The domain events' consumers on the Artemis topic: each subscription (reactions, notifications, subscribers) is
 * shared by {@code switchboard.events.artemis.consumers} consumers of this instance, and the events waiting for it
 * are counted among the hub's queue depths.
 */
@HubTest
class ArtemisSubscriptionsTest {

    @Autowired
    EmbeddedActiveMQ broker;

    @Autowired
    CamelContext camel;

    @Autowired
    ConnectionFactory connections;

    @Autowired
    RetryingQueues queues;

    @Autowired
    TopicSubscriptions subscriptions;

    @Value("${switchboard.events.artemis.consumers}")
    int consumers;

    @Test
    void theHubKnowsItsSubscriptionsFromItsRoutes() {
        assertThat(subscriptions.names())
                .containsExactly("switchboard-notifications", "switchboard-reactions", "switchboard-subscribers");
    }

    @Test
    void eventsWaitingForASubscriptionAreCountedUntilItTakesThem() throws Exception {
        QueueDepths depths = new QueueDepths(connections, queues, subscriptions, Duration.ZERO);
        depths.bindSubscriptions();
        String route = routeOf("switchboard-notifications");
        camel.getRouteController().stopRoute(route);
        try {
            assertThat(depths.messages("switchboard-notifications")).isZero();
            publishVendorEvents(5);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(depths.messages("switchboard-notifications")).isEqualTo(5));
        } finally {
            camel.getRouteController().startRoute(route);
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(depths.messages("switchboard-notifications")).isZero());
    }

    /** The route whose consumers hold the subscription (the instance of the Artemis template for it). */
    private String routeOf(String subscription) {
        return camel.getRoutes().stream()
                .filter(route -> route.getEndpoint() instanceof JmsEndpoint jms
                        && subscription.equals(jms.getConfiguration().getSubscriptionName()))
                .map(Route::getRouteId).findFirst().orElseThrow();
    }

    /** Vendor events as received (no {@code specversion}): every consumer passes over them. */
    private void publishVendorEvents(int count) throws Exception {
        try (Connection connection = connections.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createTopic("switchboard.events"))) {
            for (int i = 0; i < count; i++) {
                producer.send(session.createTextMessage(
                        "{\"source\":\"acme\",\"type\":\"probe\",\"subjects\":{},\"payload\":{}}"));
            }
        }
    }

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
