package io.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.SwitchboardApplication;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The hub of {@link SalesforceCrmTest} (switchboard.crm.provider=salesforce, its data in a folder of the test's),
 * started once for both of its concerns, and what they share: Salesforce's sandbox reset with the customer cache
 * and Salesforce's breaker before each test, and the calls.
 */
abstract class SalesforceCrmCase {

    static final String CONTACT = "003Dp000001BobNAAS";
    static final String CONTACT_PATH = "/services/data/v65.0/sobjects/Contact/" + CONTACT;
    static final String TOKEN_PATH = "/services/oauth2/token";

    static ConfigurableApplicationContext hub;
    static int port;
    static int tokenRequestsAtStartup;
    static String sessionAtStartup;

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    static void startHub(Path data) {
        Sandboxes.reset("salesforce");
        Sandboxes.reset("hubspot");
        hub = new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("local", "test")
                .run("--server.port=0",
                        "--switchboard.crm.provider=salesforce",
                        "--switchboard.vendors.salesforce.base-url=" + Sandboxes.baseUrl("salesforce"),
                        "--switchboard.vendors.hubspot.base-url=" + Sandboxes.baseUrl("hubspot"),
                        "--switchboard.local.postgres.data-directory=" + data.resolve("postgres"),
                        "--spring.artemis.embedded.data-directory=" + data.resolve("artemis"));
        port = Integer.parseInt(hub.getEnvironment().getProperty("local.server.port"));
        tokenRequestsAtStartup = sandbox().findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH))).size();
        sessionAtStartup = component().getSession() == null ? null : component().getSession().getAccessToken();
        // the first login of a cold JVM (the sandbox's templating, the first connections) may outlast the test
        // profile's timeout: logged in once here, so that the tests time what they mean to
        try {
            hub.getBean(ProducerTemplate.class).requestBody("direct:crm.salesforce.customer.get", CONTACT);
        } catch (CamelExecutionException slowFirstLogin) {
            await().atMost(Duration.ofSeconds(20)).until(() -> component().getSession().getAccessToken() != null);
        }
    }

    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @BeforeEach
    void freshState() {
        Sandboxes.reset("salesforce");
        hub.getBean("customerCache", Cache.class).invalidateAll();
        breaker().reset();
    }

    @AfterEach
    void restoreSandbox() {
        Sandboxes.reset("salesforce");
    }

    HttpResponse<String> getCustomer(String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/customers/" + id))
                        .header("Authorization", "Bearer " + Tokens.forCustomer(id, "customer:read")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static WireMockServer sandbox() {
        return Sandboxes.server("salesforce");
    }

    static CircuitBreaker breaker() {
        return hub.getBean("salesforceBreaker", CircuitBreaker.class);
    }

    static SalesforceComponent component() {
        return hub.getBean("salesforce", SalesforceComponent.class);
    }
}
