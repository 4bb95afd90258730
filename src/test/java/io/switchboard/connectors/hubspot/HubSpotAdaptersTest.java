package io.switchboard.connectors.hubspot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.errors.ApiException;
import io.switchboard.errors.ErrorCode;
import io.switchboard.model.CrmActivity;
import io.switchboard.model.Customer;
import io.switchboard.model.CustomerLookup;
import io.switchboard.resilience.UpstreamFailures;
import io.switchboard.support.HubTest;
import io.switchboard.support.Sandboxes;
import java.time.Duration;
import java.time.Instant;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The HubSpot adapters of crm.customer.find (contact search) and crm.activity.log (a note on the contact), called
 * through their capabilities against the HubSpot sandbox, with HubSpot's faults injected.
 */
@HubTest
class HubSpotAdaptersTest {

    private static final String SEARCH = "/crm/v3/objects/contacts/search";
    private static final String NOTES = "/crm/v3/objects/notes";
    private static final CrmActivity ACTIVITY = new CrmActivity("evt_adapter", "207119551", "conv-42", "message",
            "customer", "Where is my parcel?", Instant.parse("2026-11-24T06:00:00Z"));

    @Autowired
    ProducerTemplate producer;

    @Autowired
    CamelContext camel;

    @Autowired
    UpstreamFailures failures;

    @Autowired
    CircuitBreaker hubspotBreaker;

    @BeforeEach
    @AfterEach
    void freshState() {
        Sandboxes.reset("hubspot");
        hubspotBreaker.reset();
    }

    @Test
    void findsTheCustomerByEmailOrPhone() {
        Customer byEmail = (Customer) call("direct:crm.customer.find", CustomerLookup.byEmail("bob.norman@hostmail.com"))
                .getMessage().getBody();
        Customer byPhone = (Customer) call("direct:crm.customer.find", CustomerLookup.byPhone("555-625-1199"))
                .getMessage().getBody();

        assertThat(byEmail.id()).isEqualTo("207119551");
        assertThat(byEmail.name()).isEqualTo("Bob Norman");
        assertThat(byPhone.id()).isEqualTo("207119551");
        Sandboxes.server("hubspot").verify(1, postRequestedFor(urlPathEqualTo(SEARCH))
                .withHeader("Authorization", equalTo("Bearer pat-sandbox-not-a-secret"))
                .withRequestBody(matchingJsonPath("$.filterGroups[0].filters[0].propertyName", equalTo("phone"))));
    }

    @Test
    void noMatchingContactIsNotFoundNotAnOutage() {
        Exchange none = call("direct:crm.customer.find", CustomerLookup.byEmail("nobody@example.com"));

        assertThat(error(none).code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(hubspotBreaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void logsANoteAssociatedToTheContactAndAnswersItsId() {
        Exchange logged = call("direct:crm.activity.log", ACTIVITY);

        assertThat(logged.getException()).isNull();
        assertThat(logged.getMessage().getBody(String.class)).isEqualTo("94872536102");
        Sandboxes.server("hubspot").verify(1, postRequestedFor(urlPathEqualTo(NOTES))
                .withHeader("Authorization", equalTo("Bearer pat-sandbox-not-a-secret"))
                .withRequestBody(matchingJsonPath("$.properties.hs_timestamp", equalTo("2026-11-24T06:00:00Z")))
                .withRequestBody(matchingJsonPath("$.associations[0].to.id", equalTo("207119551")))
                .withRequestBody(matchingJsonPath("$.associations[0].types[0].associationTypeId", equalTo("202"))));
    }

    @Test
    void aRateLimitWithAShortRetryAfterIsWaitedOutForBoth() {
        for (String path : new String[] {SEARCH, NOTES}) {
            Sandboxes.server("hubspot").stubFor(rateLimitedOnce(path)
                    .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                            .withHeader("X-HubSpot-RateLimit-Remaining", "0").withBodyFile("errors/rate-limited.json"))
                    .willSetStateTo("served"));
        }

        Exchange found = call("direct:crm.customer.find", CustomerLookup.byEmail("bob.norman@hostmail.com"));
        Exchange logged = call("direct:crm.activity.log", ACTIVITY);

        assertThat(found.getException()).isNull();
        assertThat(logged.getMessage().getBody(String.class)).isEqualTo("94872536102");
        Sandboxes.server("hubspot").verify(2, postRequestedFor(urlPathEqualTo(SEARCH)));
        Sandboxes.server("hubspot").verify(2, postRequestedFor(urlPathEqualTo(NOTES)));
    }

    @Test
    void hubSpotsRateLimitWindowBeyondOurRetriesIsUpstreamRateLimited() {
        // the sandbox's 429: no Retry-After, X-HubSpot-RateLimit-Remaining 0 in a 10 s window
        Exchange limited = call("direct:crm.customer.find", CustomerLookup.byEmail("rate-limited@example.com"));

        ApiException error = error(limited);
        assertThat(error.code()).isEqualTo(ErrorCode.UPSTREAM_RATE_LIMITED);
        assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(error.extensions()).containsEntry("source", "crm");
    }

    @Test
    void repeatedServerErrorsOpenTheBreakerWhichThenFailsFastWithoutCallingHubSpot() {
        Sandboxes.server("hubspot").stubFor(post(urlPathEqualTo(NOTES)).atPriority(0)
                .willReturn(aResponse().withStatus(502)));
        for (int i = 0; i < 5; i++) {
            assertThat(error(call("direct:crm.activity.log", ACTIVITY)).code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        }
        Sandboxes.server("hubspot").resetRequests();

        ApiException open = error(call("direct:crm.customer.find", CustomerLookup.byEmail("bob.norman@hostmail.com")));

        assertThat(hubspotBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(open.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(open.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        Sandboxes.server("hubspot").verify(0, postRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void aCreateIsNotRepeatedAfterAServerErrorButASearchIs() {
        Sandboxes.server("hubspot").stubFor(post(urlPathEqualTo(NOTES)).atPriority(0)
                .willReturn(aResponse().withStatus(500)));
        Sandboxes.server("hubspot").stubFor(post(urlPathEqualTo(SEARCH)).atPriority(0)
                .inScenario("one 503").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "1")).willSetStateTo("served"));

        ApiException create = error(call("direct:crm.activity.log", ACTIVITY));
        Exchange search = call("direct:crm.customer.find", CustomerLookup.byEmail("bob.norman@hostmail.com"));

        assertThat(create.code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        Sandboxes.server("hubspot").verify(1, postRequestedFor(urlPathEqualTo(NOTES)));
        assertThat(search.getException()).isNull();
        Sandboxes.server("hubspot").verify(2, postRequestedFor(urlPathEqualTo(SEARCH)));
    }

    @Test
    void malformedJsonIsAnUpstreamFailureNotABug() {
        Sandboxes.server("hubspot").stubFor(post(urlPathEqualTo(SEARCH)).atPriority(0)
                .willReturn(okJson("{\"total\":1,\"results\":[{\"id\": ")));
        Sandboxes.server("hubspot").stubFor(post(urlPathEqualTo(NOTES)).atPriority(0)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": ")));

        assertThat(error(call("direct:crm.customer.find", CustomerLookup.byEmail("bob.norman@hostmail.com"))).code())
                .isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
        assertThat(error(call("direct:crm.activity.log", ACTIVITY)).code()).isEqualTo(ErrorCode.UPSTREAM_UNAVAILABLE);
    }

    @Test
    void hubSpotSlowerThanTheTimeoutIsUpstreamTimeout() {
        Sandboxes.server("hubspot").stubFor(post(urlPathEqualTo(SEARCH)).atPriority(0)
                .willReturn(aResponse().withFixedDelay(4_000).withBody("{\"total\":0,\"results\":[]}")));
        Sandboxes.server("hubspot").stubFor(post(urlPathEqualTo(NOTES)).atPriority(0)
                .willReturn(aResponse().withFixedDelay(4_000).withStatus(201)
                        .withBodyFile("notes/created.json")));

        assertThat(error(call("direct:crm.customer.find", CustomerLookup.byEmail("bob.norman@hostmail.com"))).code())
                .isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
        assertThat(error(call("direct:crm.activity.log", ACTIVITY)).code()).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
    }

    private static ScenarioMappingBuilder rateLimitedOnce(String path) {
        return post(urlPathEqualTo(path)).atPriority(0).inScenario("rate limited " + path)
                .whenScenarioStateIs(Scenario.STARTED);
    }

    private Exchange call(String endpoint, Object body) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(body);
        return producer.send(endpoint, exchange);
    }

    /** The typed error the API (or a job) would see for the exchange's failure. */
    private ApiException error(Exchange exchange) {
        assertThat(exchange.getException()).as("a failure").isNotNull();
        return failures.classify(exchange.getException(), exchange.getProperty(UpstreamFailures.SOURCE, String.class))
                .orElseThrow(() -> new AssertionError("not an upstream failure", exchange.getException()));
    }
}
