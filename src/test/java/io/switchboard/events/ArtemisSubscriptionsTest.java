package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.messaging.QueueDepths;
import io.switchboard.messaging.RetryingQueues;
import io.switchboard.messaging.TopicSubscriptions;
import io.switchboard.support.HubTest;
import io.switchboard.support.Tokens;
import io.switchboard.support.Webhooks;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.filter.Filter;
import org.apache.activemq.artemis.core.server.MessageReference;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.utils.collections.LinkedListIterator;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.jms.JmsEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The domain events' consumers on the Artemis topic: each subscription (reactions, notifications, subscribers) is
 * shared by {@code switchboard.events.artemis.consumers} consumers of this instance, and the events waiting for it
 * are counted among the hub's queue depths. The broker leaves the vendor events as received out of them.
 */
@HubTest
class ArtemisSubscriptionsTest {

    private static final List<String> SUBSCRIPTIONS =
            List.of("switchboard-reactions", "switchboard-notifications", "switchboard-subscribers");

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

    @LocalServerPort
    int port;

    @Test
    void theDomainEventsSubscriptionsLeaveOutTheVendorEventsAsReceived() {
        for (String subscription : SUBSCRIPTIONS) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Filter filter = broker.getActiveMQServer().locateQueue(SimpleString.of(subscription)).getFilter();
                assertThat(filter).as(subscription).isNotNull();
                assertThat(filter.getFilterString().toString()).isEqualTo("eventFormat IS NULL OR eventFormat <> 'vendor'");
            });
        }
    }

    @Test
    void vendorEventsAsReceivedAreMarkedAndOnlyDomainEventsReachTheFilteredSubscriptions() throws Exception {
        theDomainEventsSubscriptionsLeaveOutTheVendorEventsAsReceived();
        String marker = "marker-" + UUID.randomUUID();
        String conversation = "conv-" + UUID.randomUUID();
        String route = routeOf("switchboard-notifications");
        try (Connection connection = connections.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            MessageConsumer everything = session.createSharedDurableConsumer(
                    session.createTopic("switchboard.events"), "test-everything");
            camel.getRouteController().stopRoute(route);
            try {
                assertThat(Webhooks.postStandard(port, "acme", "msg_" + marker,
                        "{\"type\":\"invoice.paid\",\"data\":{\"note\":\"" + marker + "\"}}").statusCode())
                        .isEqualTo(200);
                assertThat(conversationEvent(conversation).statusCode()).isBetween(200, 299);

                Map<String, String> formats = new HashMap<>();
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    Message message = everything.receive(500);
                    if (message instanceof TextMessage text && (text.getText().contains(marker)
                            || text.getText().contains(conversation))) {
                        formats.put(text.getText().contains(marker) ? "vendor" : "domain",
                                message.getStringProperty("eventFormat"));
                    }
                    return formats.size() == 2;
                });
                assertThat(formats).containsEntry("vendor", "vendor").containsEntry("domain", "cloudevents");

                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                        waiting("switchboard-notifications")).anyMatch(body -> body.contains(conversation)));
                assertThat(waiting("switchboard-notifications")).noneMatch(body -> body.contains(marker));
            } finally {
                camel.getRouteController().startRoute(route);
                everything.close();
                session.unsubscribe("test-everything");
            }
        }
    }

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

    /** The bodies of the messages waiting in a subscription's queue. */
    private List<String> waiting(String subscription) {
        List<String> bodies = new ArrayList<>();
        Queue queue = broker.getActiveMQServer().locateQueue(SimpleString.of(subscription));
        try (LinkedListIterator<MessageReference> references = queue.browserIterator()) {
            references.forEachRemaining(reference -> bodies.add(String.valueOf(
                    reference.getMessage().toCore().getReadOnlyBodyBuffer().readNullableSimpleString())));
        }
        return bodies;
    }

    private HttpResponse<String> conversationEvent(String conversation) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/conversations/" + conversation + "/events"))
                .header("Authorization", "Bearer " + Tokens.forCustomer(Tokens.CUSTOMER, "conversations:write"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"message\",\"role\":\"customer\","
                        + "\"text\":\"Where is my order?\",\"at\":\"2026-05-01T10:00:00Z\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
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
        for (String subscription : SUBSCRIPTIONS) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Queue queue = broker.getActiveMQServer().locateQueue(SimpleString.of(subscription));
                assertThat(queue).as(subscription).isNotNull();
                assertThat(queue.getAddress().toString()).isEqualTo("switchboard.events");
                assertThat(queue.getConsumerCount()).as(subscription).isEqualTo(consumers);
            });
        }
    }
}
