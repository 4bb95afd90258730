package io.switchboard.reactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import io.switchboard.conflicts.CustomerChanges;
import io.switchboard.model.Article;
import io.switchboard.support.HubTest;
import io.switchboard.support.Tokens;
import io.switchboard.support.Webhooks;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * The fan-out's cache evictions end to end: a customer changed in HubSpot or Salesforce, an article changed in
 * Zendesk Guide or Confluence, announced by the vendor's signed webhook, evicts what the hub cached on every instance
 * (switchboard.cache.evictions) once, also when the vendor delivers the webhook twice and when the broker delivers
 * the domain event again; the customer's new values go through the conflict rules.
 */
@HubTest
class CacheEvictionReactionsTest extends ReactionsCase {

    @Autowired
    CustomerChanges customerChanges;

    @Autowired
    @Qualifier("customerCache")
    Cache<String, ?> customerCache;

    @Autowired
    @Qualifier("kbCache")
    Cache<String, List<Article>> kbCache;

    @Test
    void aCustomerChangedInHubSpotOrSalesforceIsEvictedOnEveryInstanceOnce() throws Exception {
        cacheCustomer();
        String hubspotBody = Files.readString(Path.of("sandbox/hubspot/webhooks/contact.propertyChange.json"))
                .replace("\"eventId\": 1753268217", "\"eventId\": " + (long) (Math.random() * 1e12));
        String salesforceBody = Files.readString(Path.of("sandbox/salesforce/webhooks/ContactChangeEvent.json"));
        String relayId = UUID.randomUUID().toString();
        String hubspot = eventId("customer.updated", "hubspot", digest(hubspotBody), CUSTOMER);
        String salesforce = eventId("customer.updated", "salesforce", relayId, "003Dp000001BobNAAS");

        try (Topic evictions = new Topic("switchboard.cache.evictions"); Topic events = new Topic("switchboard.events")) {
            for (int i = 0; i < 2; i++) {
                assertThat(Webhooks.postHubSpot(port, hubspotBody).statusCode()).isEqualTo(200);
                assertThat(Webhooks.postSalesforceRelay(port, relayId, salesforceBody).statusCode()).isEqualTo(200);
            }
            JsonNode change = events.first(message -> message.contains(hubspot));
            assertThat(change.path("type").asText()).isEqualTo("customer.updated");
            assertThat(change.path("data").path("changedFields").toString()).isEqualTo("[\"phone\"]");
            assertThat(change.path("data").path("sourceTimestamp").asText()).isNotEmpty();
            await().atMost(Duration.ofSeconds(20)).until(() -> customerCache.getIfPresent(CUSTOMER) == null);
            await().atMost(Duration.ofSeconds(20)).until(() -> done(hubspot) && done(salesforce));

            redeliverAndWait(hubspot);
            redeliverAndWait(salesforce);

            assertThat(evictions.received()).filteredOn(("customer:" + CUSTOMER)::equals).hasSize(1);
            assertThat(evictions.received()).filteredOn("customer:003Dp000001BobNAAS"::equals).hasSize(1);
        }
        // the new values went through the customer conflict rules: the CRMs own email and phone
        assertThat(customerChanges.current(CUSTOMER).get("phone").value()).isEqualTo("555-625-1199");
        assertThat(customerChanges.current(CUSTOMER).get("phone").source()).isEqualTo("hubspot");
        assertThat(customerChanges.current("003Dp000001BobNAAS").get("email").value())
                .isEqualTo("bob.norman@example.org");
        assertThat(customerChanges.current("003Dp000001BobNAAS").get("address.city").value()).isEqualTo("Ottawa");
    }

    @Test
    void anArticleChangedInZendeskGuideOrConfluenceEvictsTheKnowledgeBaseAnswersOnce() throws Exception {
        String guideBody = Files.readString(Path.of("sandbox/zendesk/webhooks/article.published.json"));
        String confluenceBody = Files.readString(Path.of("sandbox/confluence/webhooks/page_updated.json"));
        String invocation = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        String guide = eventId("article.updated", "zendesk-guide", invocation);
        String confluence = eventId("article.updated", "confluence", requestId);

        try (Topic evictions = new Topic("switchboard.cache.evictions")) {
            kbCache.put("5:where is my order", List.of());
            for (int i = 0; i < 2; i++) {
                assertThat(Webhooks.postZendesk(port, "zendesk-guide", Webhooks.ZENDESK_GUIDE_SECRET, invocation,
                        guideBody).statusCode()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> kbCache.getIfPresent("5:where is my order") == null);
            kbCache.put("5:where is my order", List.of());
            for (int i = 0; i < 2; i++) {
                assertThat(Webhooks.postConfluence(port, "page_updated", requestId, confluenceBody).statusCode())
                        .isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> kbCache.getIfPresent("5:where is my order") == null);
            await().atMost(Duration.ofSeconds(20)).until(() -> done(guide) && done(confluence));

            redeliverAndWait(guide);
            redeliverAndWait(confluence);

            assertThat(evictions.received()).filteredOn("kb:*"::equals).hasSize(2);
        }
    }

    private void cacheCustomer() throws Exception {
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/customers/" + CUSTOMER))
                .header("Authorization", "Bearer " + Tokens.forCustomer(CUSTOMER, "customer:read")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(customerCache.getIfPresent(CUSTOMER)).isNotNull();
    }

    /** What a topic carries while open, as text. */
    private final class Topic implements AutoCloseable {
        private final Connection connection;
        private final List<String> received = new CopyOnWriteArrayList<>();

        Topic(String name) throws Exception {
            connection = connectionFactory.createConnection();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createTopic(name));
            consumer.setMessageListener(message -> {
                try {
                    received.add(message instanceof TextMessage text ? text.getText() : message.getBody(String.class));
                } catch (Exception unreadable) {
                    received.add("unreadable: " + unreadable);
                }
            });
            connection.start();
        }

        List<String> received() {
            return received;
        }

        JsonNode first(java.util.function.Predicate<String> which) throws Exception {
            await().atMost(Duration.ofSeconds(20)).until(() -> received.stream().anyMatch(which));
            return json.readTree(received.stream().filter(which).findFirst().orElseThrow());
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }
}
