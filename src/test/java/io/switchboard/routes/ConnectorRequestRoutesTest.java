package io.switchboard.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.model.ToDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * What the connector routes send to a vendor, seen where they send it: each vendor's request route
 * ({@code <vendor>-request}) advised by id so that every HTTP request it makes passes a {@link MockEndpoint} first,
 * then the chat API asked as the chat backend asks it, with its own Authorization and other headers. The vendor gets
 * the method, path and query the adapter chose and the vendor's own credential, and none of the caller's headers.
 * Its own hub (advising routes changes them, so the shared {@link HubTest} one stays untouched), closed after.
 */
@HubTest
@TestPropertySource(properties = {
        "switchboard.local.postgres.data-directory=target/test-data/advised/postgres",
        "spring.artemis.embedded.data-directory=target/test-data/advised/artemis",
        // the health probes call through the request routes too: none while the tests count what they send
        "switchboard.health.probes.every=1h",
        // what is sent is under test here, not how fast a fresh hub's first calls are
        "switchboard.vendors.shopify.timeout-millis=5000",
        "switchboard.vendors.hubspot.timeout-millis=5000",
        "switchboard.helpdesk.ticket-create.lookup-timeout-millis=5000",
        "switchboard.helpdesk.ticket-create.create-timeout-millis=5000"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ConnectorRequestRoutesTest {

    /** What a chat backend's request carries besides its token, none of which is the vendor's business. */
    private static final Map<String, String> CALLER_HEADERS = Map.of(
            "Cookie", "session=caller-session",
            "X-Caller-Secret", "caller-secret",
            "X-Forwarded-For", "203.0.113.7");

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("orderCache")
    Cache<String, ?> orderCache;

    @Autowired
    @Qualifier("customerCache")
    Cache<String, ?> customerCache;

    @Autowired
    CamelContext camel;

    MockEndpoint shopify;
    MockEndpoint hubspot;
    MockEndpoint zendesk;

    @BeforeAll
    static void adviseTheRequestRoutes(@Autowired CamelContext camel) throws Exception {
        for (String vendor : List.of("shopify", "hubspot", "zendesk")) {
            AdviceWith.adviceWith(camel, vendor + "-request",
                    route -> route.weaveByType(ToDefinition.class).before().to("mock:" + vendor));
        }
    }

    @BeforeEach
    void freshMocksAndCaches() {
        shopify = camel.getEndpoint("mock:shopify", MockEndpoint.class);
        hubspot = camel.getEndpoint("mock:hubspot", MockEndpoint.class);
        zendesk = camel.getEndpoint("mock:zendesk", MockEndpoint.class);
        MockEndpoint.resetMocks(camel);
        // an answer from the cache would send nothing
        orderCache.invalidateAll();
        customerCache.invalidateAll();
        for (String vendor : List.of("shopify", "hubspot", "zendesk")) {
            Sandboxes.reset(vendor);
        }
    }

    @Test
    void anOrderIsReadWithTheShopsTokenAndNoneOfTheCallersHeaders(
            @Value("${switchboard.vendors.shopify.access-token}") String shopToken) throws Exception {
        shopify.expectedMessageCount(1);
        shopify.expectedHeaderReceived(Exchange.HTTP_METHOD, "GET");
        shopify.expectedHeaderReceived(Exchange.HTTP_PATH, "/admin/api/2025-07/orders.json");
        shopify.expectedHeaderReceived(Exchange.HTTP_QUERY, "name=%231002&status=any");
        shopify.expectedHeaderReceived("X-Shopify-Access-Token", shopToken);

        String callerToken = Tokens.forCustomer(Tokens.CUSTOMER, "orders:read");
        HttpResponse<String> answer = call("GET", "/api/v1/orders/1002", callerToken, null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        shopify.assertIsSatisfied();
        assertNoneOfTheCallersHeaders(shopify.getReceivedExchanges().get(0), callerToken);
        assertThat(shopify.getReceivedExchanges().get(0).getMessage().getHeader("Authorization")).isNull();
    }

    @Test
    void aCustomerIsReadWithHubSpotsTokenInPlaceOfTheCallers(
            @Value("${switchboard.vendors.hubspot.access-token}") String hubspotToken) throws Exception {
        hubspot.expectedMessageCount(1);
        hubspot.expectedHeaderReceived(Exchange.HTTP_METHOD, "GET");
        hubspot.expectedHeaderReceived(Exchange.HTTP_PATH, "/crm/v3/objects/contacts/" + Tokens.CUSTOMER);
        hubspot.expectedHeaderReceived("Authorization", "Bearer " + hubspotToken);

        String callerToken = Tokens.forCustomer(Tokens.CUSTOMER, "customer:read");
        HttpResponse<String> answer = call("GET", "/api/v1/customers/" + Tokens.CUSTOMER, callerToken, null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        hubspot.assertIsSatisfied();
        Exchange sent = hubspot.getReceivedExchanges().get(0);
        assertThat(sent.getMessage().getHeader(Exchange.HTTP_QUERY, String.class)).contains("properties=");
        assertNoneOfTheCallersHeaders(sent, callerToken);
    }

    @Test
    void aTicketIsLookedUpThenCreatedWithZendesksCredentialsAndNoneOfTheCallersHeaders(
            @Value("${switchboard.vendors.zendesk.email}") String email,
            @Value("${switchboard.vendors.zendesk.api-token}") String apiToken) throws Exception {
        String conversation = "conv-" + UUID.randomUUID();
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString((email + "/token:" + apiToken).getBytes(StandardCharsets.UTF_8));
        zendesk.expectedMessageCount(2);
        zendesk.message(0).header(Exchange.HTTP_METHOD).isEqualTo("GET");
        zendesk.message(0).header(Exchange.HTTP_PATH).isEqualTo("/api/v2/tickets.json");
        zendesk.message(0).header(Exchange.HTTP_QUERY).contains("external_id=" + conversation);
        zendesk.message(1).header(Exchange.HTTP_METHOD).isEqualTo("POST");
        zendesk.message(1).header(Exchange.HTTP_PATH).isEqualTo("/api/v2/tickets.json");
        zendesk.message(1).header(Exchange.CONTENT_TYPE).isEqualTo("application/json");
        zendesk.message(1).body(String.class).contains("\"external_id\":\"" + conversation + "\"");
        zendesk.allMessages().header("Authorization").isEqualTo(basic);

        String callerToken = Tokens.forCustomer(Tokens.CUSTOMER, "tickets:write");
        HttpResponse<String> answer = call("POST", "/api/v1/tickets", callerToken, "{\"conversationId\":\""
                + conversation + "\",\"subject\":\"Where is my parcel?\",\"transcript\":[{\"role\":\"customer\","
                + "\"text\":\"It has not arrived\",\"at\":\"2026-11-24T06:00:00Z\"}]}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        zendesk.assertIsSatisfied();
        for (Exchange sent : zendesk.getReceivedExchanges()) {
            assertNoneOfTheCallersHeaders(sent, callerToken);
        }
    }

    private static void assertNoneOfTheCallersHeaders(Exchange sent, String callerToken) {
        Map<String, Object> headers = sent.getMessage().getHeaders();
        assertThat(headers).doesNotContainKeys(CALLER_HEADERS.keySet().toArray(String[]::new));
        assertThat(headers.values()).allSatisfy(value ->
                assertThat(String.valueOf(value)).doesNotContain(callerToken, "caller-session", "caller-secret"));
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        CALLER_HEADERS.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
