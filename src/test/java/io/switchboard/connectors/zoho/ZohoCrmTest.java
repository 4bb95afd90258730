package io.switchboard.connectors.zoho;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.errors.ApiException;
import io.switchboard.errors.ErrorCode;
import io.switchboard.model.CrmActivity;
import io.switchboard.model.Customer;
import io.switchboard.model.CustomerLookup;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.SwitchedHub;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * switchboard.crm.provider=zoho: the CRM capabilities from Zoho CRM's sandbox (REST API v7), with the access token of
 * the OAuth refresh-token flow, and the same canonical customer as the other CRMs give.
 */
class ZohoCrmTest {

    private static final String CONTACT = "5725767000000524157";
    private static final String CONTACT_PATH = "/crm/v7/Contacts/" + CONTACT;
    private static final String TOKEN_PATH = "/oauth/v2/token";

    @TempDir
    static Path data;

    private static ConfigurableApplicationContext hub;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startHub() {
        hub = SwitchedHub.start(data, "switchboard.crm.provider=zoho",
                "switchboard.vendors.zoho.accounts-url=" + Sandboxes.baseUrl("zoho"),
                "switchboard.vendors.zoho.client-id=1000.SANDBOXCLIENTID",
                "switchboard.vendors.zoho.client-secret=sandbox-client-secret",
                "switchboard.vendors.zoho.refresh-token=1000.sandbox-refresh-token",
                "switchboard.vendors.zoho.contact-url=https://crm.zoho.com/crm/org123/tab/Contacts/");
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @BeforeEach
    void freshState() {
        Sandboxes.reset("zoho");
        hub.getBean("customerCache", Cache.class).invalidateAll();
        hub.getBean("zohoBreaker", CircuitBreaker.class).reset();
    }

    @Test
    void servesTheCustomerFromTheContactWithTheRefreshedAccessToken() throws Exception {
        HttpResponse<String> response = getCustomer(CONTACT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode customer = json.readTree(response.body());
        assertThat(customer.path("id").asText()).isEqualTo(CONTACT);
        assertThat(customer.path("name").asText()).isEqualTo("Bob Norman");
        assertThat(customer.path("email").asText()).isEqualTo("bob.norman@hostmail.com");
        assertThat(customer.path("phone").asText()).isEqualTo("555-625-1199");
        assertThat(customer.path("updatedAt").asText()).isEqualTo("2026-11-20T16:50:06Z");
        assertThat(customer.path("crmUrl").asText()).isEqualTo("https://crm.zoho.com/crm/org123/tab/Contacts/" + CONTACT);
        sandbox().verify(1, getRequestedFor(urlPathEqualTo(CONTACT_PATH))
                .withHeader("Authorization", containing("Zoho-oauthtoken 1000.sandbox-access-token")));
    }

    @Test
    void aRejectedAccessTokenIsRenewedOnceWithTheRefreshToken() throws Exception {
        sandbox().stubFor(get(urlPathEqualTo(CONTACT_PATH)).atPriority(0).inScenario("expired")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("renewed")
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":\"INVALID_TOKEN\",\"details\":{},\"message\":\"invalid oauth token\","
                                + "\"status\":\"error\"}")));

        HttpResponse<String> response = getCustomer(CONTACT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        sandbox().verify(2, getRequestedFor(urlPathEqualTo(CONTACT_PATH)));
        sandbox().verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=1000.sandbox-refresh-token"))
                .withRequestBody(containing("client_id=1000.SANDBOXCLIENTID")));
    }

    @Test
    void aContactZohoDoesNotHaveIsNotFoundNotAnOutage() throws Exception {
        HttpResponse<String> unknown = getCustomer("5725767000000999999");
        HttpResponse<String> notAnId = getCustomer("bob");

        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).path("code").asText()).isEqualTo("not_found");
        assertThat(notAnId.statusCode()).isEqualTo(404);
        assertThat(hub.getBean("zohoBreaker", CircuitBreaker.class).getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void findsTheCustomerByEmailOrPhone() {
        ProducerTemplate producer = hub.getBean(ProducerTemplate.class);

        Customer byEmail = producer.requestBody("direct:crm.customer.find",
                CustomerLookup.byEmail("bob.norman@hostmail.com"), Customer.class);
        Customer byPhone = producer.requestBody("direct:crm.customer.find", CustomerLookup.byPhone("555-625-1199"),
                Customer.class);

        assertThat(byEmail.id()).isEqualTo(CONTACT);
        assertThat(byPhone).isEqualTo(byEmail);
        assertThatThrownBy(() -> producer.requestBody("direct:crm.customer.find",
                CustomerLookup.byEmail("nobody@example.com"), Customer.class))
                .isInstanceOf(CamelExecutionException.class)
                .rootCause().isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void logsAnActivityAsANoteOnTheContact() {
        CrmActivity activity = new CrmActivity("evt-zoho-1", CONTACT, "conv-zoho-1", "message", "customer",
                "Where is my parcel?", Instant.parse("2026-11-24T06:00:00Z"));

        String noteId = hub.getBean(ProducerTemplate.class).requestBody("direct:crm.activity.log", activity, String.class);

        assertThat(noteId).isEqualTo("5725767000000611023");
        sandbox().verify(1, postRequestedFor(urlPathEqualTo(CONTACT_PATH + "/Notes"))
                .withRequestBody(containing("\"Note_Title\":\"Chat conv-zoho-1: message (customer)\""))
                .withRequestBody(containing("Where is my parcel?\\n\\nSwitchboard event evt-zoho-1")));
    }

    @Test
    void erasesTheContact() {
        hub.getBean(ProducerTemplate.class).requestBody("direct:crm.zoho.customer.erase", CONTACT);

        sandbox().verify(1, deleteRequestedFor(urlPathEqualTo(CONTACT_PATH)));
    }

    private HttpResponse<String> getCustomer(String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + SwitchedHub.port(hub)
                        + "/api/v1/customers/" + id))
                .header("Authorization", "Bearer " + Tokens.forCustomer(id, "customer:read")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static WireMockServer sandbox() {
        return Sandboxes.server("zoho");
    }
}
