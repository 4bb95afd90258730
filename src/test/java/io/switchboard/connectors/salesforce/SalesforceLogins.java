package io.switchboard.connectors.salesforce;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.awaitility.Awaitility;
import org.springframework.context.ConfigurableApplicationContext;

/** What the Salesforce login flow tests share: a hub with Salesforce as its CRM, its sandbox, the customer call. */
final class SalesforceLogins {

    static final String CONTACT = "003Dp000001BobNAAS";
    static final String TOKEN_PATH = "/services/oauth2/token";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SalesforceLogins() {
    }

    static WireMockServer sandbox() {
        return Sandboxes.server("salesforce");
    }

    static SalesforceComponent component(ConfigurableApplicationContext hub) {
        return hub.getBean("salesforce", SalesforceComponent.class);
    }

    /** The first login of a cold JVM may outlast the test profile's timeout: done once before the tests. */
    static void warmUp(ConfigurableApplicationContext hub) {
        try {
            hub.getBean(ProducerTemplate.class).requestBody("direct:crm.salesforce.customer.get", CONTACT);
        } catch (CamelExecutionException slowFirstLogin) {
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> component(hub).getSession().getAccessToken() != null);
        }
    }

    /** Logged out, nothing cached, the breaker closed: the next customer call logs in. */
    static void loggedOut(ConfigurableApplicationContext hub) throws Exception {
        component(hub).getSession().logout();
        hub.getBean("customerCache", Cache.class).invalidateAll();
        hub.getBean("salesforceBreaker", CircuitBreaker.class).reset();
        Sandboxes.reset("salesforce");
    }

    static HttpResponse<String> getCustomer(int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/customers/" + CONTACT))
                        .header("Authorization", "Bearer " + Tokens.forCustomer(CONTACT, "customer:read")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The form of each request to the token endpoint, decoded. */
    static List<Map<String, String>> tokenRequests() {
        return sandbox().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(TOKEN_PATH))).stream()
                .map(request -> form(request.getBodyAsString())).toList();
    }

    private static Map<String, String> form(String body) {
        return Arrays.stream(body.split("&")).map(pair -> pair.split("=", 2)).collect(Collectors.toMap(
                pair -> URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                pair -> pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : ""));
    }
}
