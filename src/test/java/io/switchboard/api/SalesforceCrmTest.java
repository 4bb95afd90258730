package io.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.switchboard.SwitchboardApplication;
import io.switchboard.connectors.salesforce.SalesforceApiUsage;
import io.switchboard.errors.ApiException;
import io.switchboard.errors.ErrorCode;
import io.switchboard.model.CrmActivity;
import io.switchboard.model.Customer;
import io.switchboard.model.CustomerLookup;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * switchboard.crm.provider=salesforce: the CRM capabilities from Salesforce's sandbox through camel-salesforce, its
 * own login included, and the same canonical customer as HubSpot's.
 */
class SalesforceCrmTest {

    private static final String CONTACT = "003Dp000001BobNAAS";
    private static final String CONTACT_PATH = "/services/data/v65.0/sobjects/Contact/" + CONTACT;
    private static final String TOKEN_PATH = "/services/oauth2/token";

    @TempDir
    static Path data;

    private static ConfigurableApplicationContext hub;
    private static int port;
    private static int tokenRequestsAtStartup;
    private static String sessionAtStartup;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startHub() {
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

    @AfterAll
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

    @Test
    void startsWithoutLoggingInThenLogsInOnceAndKeepsTheSession() throws Exception {
        assertThat(tokenRequestsAtStartup).isZero();
        assertThat(component().isStarted()).as("started with the hub, as Salesforce is the CRM").isTrue();
        assertThat(sessionAtStartup).isNull();
        component().getSession().logout();
        Sandboxes.reset("salesforce");

        assertThat(getCustomer(CONTACT).statusCode()).isEqualTo(200);
        hub.getBean("customerCache", Cache.class).invalidateAll();
        assertThat(getCustomer(CONTACT).statusCode()).isEqualTo(200);

        List<LoggedRequest> logins = sandbox().findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        assertThat(logins).hasSize(1);
        assertThat(logins.get(0).getBodyAsString()).contains("grant_type=client_credentials")
                .contains("client_id=sandbox-consumer-key");
        List<LoggedRequest> reads = sandbox().findAll(getRequestedFor(urlPathEqualTo(CONTACT_PATH)));
        assertThat(reads).hasSize(2);
        assertThat(reads.get(1).getHeader("Authorization")).isEqualTo(reads.get(0).getHeader("Authorization"))
                .startsWith("Bearer 00D");
    }

    @Test
    void servesTheCustomerFromTheContact() throws Exception {
        HttpResponse<String> response = getCustomer(CONTACT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode customer = json.readTree(response.body());
        assertThat(customer.path("id").asText()).isEqualTo(CONTACT);
        assertThat(customer.path("name").asText()).isEqualTo("Bob Norman");
        assertThat(customer.path("email").asText()).isEqualTo("bob.norman@hostmail.com");
        assertThat(customer.path("phone").asText()).isEqualTo("555-625-1199");
        assertThat(customer.path("locale").asText()).isEqualTo("en-us");
        assertThat(customer.path("updatedAt").asText()).isEqualTo("2026-11-20T16:50:06.678Z");
        assertThat(customer.path("crmUrl").asText())
                .isEqualTo(Sandboxes.baseUrl("salesforce") + "/lightning/r/Contact/" + CONTACT + "/view");
        sandbox().verify(1, getRequestedFor(urlPathEqualTo(CONTACT_PATH)).withQueryParam("fields",
                equalTo("Id,Name,FirstName,LastName,Email,Phone,MobilePhone,LastModifiedDate,Tier__c,Language__c")));
        assertThat(hub.getBean(SalesforceApiUsage.class).used()).isEqualTo(18);
    }

    @Test
    void hubSpotAndSalesforceGiveTheSameCanonicalCustomer() {
        ProducerTemplate producer = hub.getBean(ProducerTemplate.class);

        Customer fromHubSpot = producer.requestBody("direct:crm.hubspot.customer.get", Tokens.CUSTOMER, Customer.class);
        Customer fromSalesforce = producer.requestBody("direct:crm.salesforce.customer.get", CONTACT, Customer.class);

        assertThat(withoutCrmIdentity(fromSalesforce)).isEqualTo(withoutCrmIdentity(fromHubSpot));
        assertThat(fromSalesforce.name()).isEqualTo("Bob Norman");
    }

    @Test
    void aContactSalesforceDoesNotHaveIsNotFoundNotAnOutage() throws Exception {
        HttpResponse<String> unknown = getCustomer("003Dp000009ZZZZAAA");
        HttpResponse<String> notAnId = getCustomer("207119551");

        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).path("code").asText()).isEqualTo("not_found");
        assertThat(notAnId.statusCode()).isEqualTo(404);
        sandbox().verify(0, getRequestedFor(urlPathMatching(".*/Contact/207119551")));
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void findsTheCustomerByEmailOrPhoneWithEscapedSoql() {
        ProducerTemplate producer = hub.getBean(ProducerTemplate.class);

        Customer byEmail = producer.requestBody("direct:crm.customer.find",
                CustomerLookup.byEmail("bob.norman@hostmail.com"), Customer.class);
        Customer byPhone = producer.requestBody("direct:crm.customer.find", CustomerLookup.byPhone("555-625-1199"),
                Customer.class);

        assertThat(byEmail.id()).isEqualTo(CONTACT);
        assertThat(byPhone).isEqualTo(byEmail);
        assertThatThrownBy(() -> producer.requestBody("direct:crm.customer.find",
                CustomerLookup.byEmail("x' OR Name != '"), Customer.class))
                .isInstanceOf(CamelExecutionException.class)
                .rootCause().isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        sandbox().verify(1, getRequestedFor(urlPathMatching("/services/data/v65.0/query/?"))
                .withQueryParam("q", containing("WHERE Email = 'x\\' OR Name != \\'' ORDER BY")));
    }

    @Test
    void logsAnActivityAsOneCompletedTask() {
        ProducerTemplate producer = hub.getBean(ProducerTemplate.class);
        CrmActivity activity = new CrmActivity("evt-sf-1", CONTACT, "conv-sf-1", "message", "customer",
                "Where is my parcel?", Instant.parse("2026-11-24T06:00:00Z"));

        String taskId = producer.requestBody("direct:crm.activity.log", activity, String.class);

        assertThat(taskId).isEqualTo("00TDp000003SbxTMAS");
        sandbox().verify(1, postRequestedFor(urlPathMatching("/services/data/v65.0/sobjects/Task/?"))
                .withRequestBody(matchingJsonPath("$.WhoId", equalTo(CONTACT)))
                .withRequestBody(matchingJsonPath("$.Subject", equalTo("Chat conv-sf-1: message (customer)")))
                .withRequestBody(matchingJsonPath("$.Description", equalTo("Where is my parcel?\n\nSwitchboard event evt-sf-1")))
                .withRequestBody(matchingJsonPath("$.ActivityDate", equalTo("2026-11-24")))
                .withRequestBody(matchingJsonPath("$.Status", equalTo("Completed"))));

        // the same event again (a retried job): the lookup finds the Task, none is created
        sandbox().stubFor(get(urlPathMatching("/services/data/v[0-9.]+/query/?")).atPriority(1)
                .withQueryParam("q", matching("SELECT Id, Description FROM Task WHERE WhoId = '" + CONTACT
                        + "' AND Subject = 'Chat conv-sf-1: message \\(customer\\)' AND ActivityDate = 2026-11-24 .*"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json;charset=UTF-8").withBody("""
                        {"totalSize":1,"done":true,"records":[{"attributes":{"type":"Task",
                        "url":"/services/data/v65.0/sobjects/Task/00TDp000003SbxTMAS"},"Id":"00TDp000003SbxTMAS",
                        "Description":"Where is my parcel?\\n\\nSwitchboard event evt-sf-1"}]}""")));

        assertThat(producer.requestBody("direct:crm.activity.log", activity, String.class)).isEqualTo("00TDp000003SbxTMAS");
        sandbox().verify(1, postRequestedFor(urlPathMatching("/services/data/v65.0/sobjects/Task/?")));
    }

    @Test
    void anExpiredSessionIsRenewedOnceAndTheCallServed() throws Exception {
        assertThat(getCustomer(CONTACT).statusCode()).isEqualTo(200);
        hub.getBean("customerCache", Cache.class).invalidateAll();
        String expired = component().getSession().getAccessToken();
        sandbox().stubFor(get(urlPathEqualTo(CONTACT_PATH)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + expired))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json;charset=UTF-8")
                        .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")));
        sandbox().stubFor(post(urlPathEqualTo(TOKEN_PATH)).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json;charset=UTF-8").withBody(
                        "{\"access_token\":\"00DDp000000SbxQ!AQ4AQRenewedSession\",\"instance_url\":\""
                                + Sandboxes.baseUrl("salesforce") + "\",\"id\":\"" + Sandboxes.baseUrl("salesforce")
                                + "/id/00DDp000000SbxQMAS/005Dp000001SbxIAAS\",\"token_type\":\"Bearer\","
                                + "\"issued_at\":\"1795500000001\",\"signature\":\"c2ln\"}")));
        sandbox().resetRequests();

        HttpResponse<String> response = getCustomer(CONTACT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        sandbox().verify(1, postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
        List<LoggedRequest> reads = sandbox().findAll(getRequestedFor(urlPathEqualTo(CONTACT_PATH)));
        assertThat(reads).extracting(r -> r.getHeader("Authorization"))
                .containsExactly("Bearer " + expired, "Bearer 00DDp000000SbxQ!AQ4AQRenewedSession");
    }

    @Test
    void aUsedUpDailyAllowanceIsRateLimited() throws Exception {
        sandbox().stubFor(get(urlPathEqualTo(CONTACT_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json;charset=UTF-8")
                        .withHeader("Sforce-Limit-Info", "api-usage=15000/15000")
                        .withBody("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")));

        HttpResponse<String> response = getCustomer(CONTACT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("code").asText()).isEqualTo("upstream_rate_limited");
        assertThat(problem.path("source").asText()).isEqualTo("crm");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        sandbox().verify(1, getRequestedFor(urlPathEqualTo(CONTACT_PATH)));
        SalesforceApiUsage usage = hub.getBean(SalesforceApiUsage.class);
        assertThat(usage.used()).isEqualTo(15000);
        assertThat(usage.limit()).isEqualTo(15000);
    }

    @Test
    void repeatedServerErrorsOpenTheBreakerThenItAnswersAtOnce() throws Exception {
        sandbox().stubFor(get(urlPathEqualTo(CONTACT_PATH)).atPriority(1)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json;charset=UTF-8")
                        .withBody("[{\"message\":\"An unexpected error occurred.\",\"errorCode\":\"UNKNOWN_EXCEPTION\"}]")));

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> failed = getCustomer(CONTACT);
            assertThat(failed.statusCode()).isEqualTo(503);
            assertThat(json.readTree(failed.body()).path("code").asText()).isEqualTo("upstream_unavailable");
        }
        int asked = sandbox().findAll(getRequestedFor(urlPathEqualTo(CONTACT_PATH))).size();
        HttpResponse<String> open = getCustomer(CONTACT);

        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(open.statusCode()).isEqualTo(503);
        assertThat(open.headers().firstValue("Retry-After")).hasValue("30");
        assertThat(sandbox().findAll(getRequestedFor(urlPathEqualTo(CONTACT_PATH)))).hasSize(asked);
    }

    @Test
    void malformedJsonIsAnUpstreamFailureNotOurs() throws Exception {
        sandbox().stubFor(get(urlPathEqualTo(CONTACT_PATH)).atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json;charset=UTF-8").withBody("{\"Id\": ")));

        HttpResponse<String> response = getCustomer(CONTACT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("upstream_unavailable");
    }

    @Test
    void aSlowSalesforceIsATimeout() throws Exception {
        sandbox().stubFor(get(urlPathEqualTo(CONTACT_PATH)).atPriority(1)
                .willReturn(aResponse().withFixedDelay(4000).withHeader("Content-Type", "application/json")
                        .withBodyFile("sobjects/contact-003Dp000001BobNAAS.json")));

        HttpResponse<String> response = getCustomer(CONTACT);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(504);
        assertThat(json.readTree(response.body()).path("code").asText()).isEqualTo("upstream_timeout");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void neitherTheClientSecretNorTheSessionAppearsInLogsAnswersOrMetrics(CapturedOutput logs) throws Exception {
        List<String> answers = new ArrayList<>();
        String session = component().getSession().getAccessToken();
        answers.add(getCustomer(CONTACT).body());
        hub.getBean("customerCache", Cache.class).invalidateAll();
        sandbox().stubFor(get(urlPathEqualTo(CONTACT_PATH)).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + session))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json;charset=UTF-8")
                        .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")));
        answers.add(getCustomer(CONTACT).body());
        hub.getBean("customerCache", Cache.class).invalidateAll();
        sandbox().stubFor(get(urlPathEqualTo(CONTACT_PATH)).atPriority(0)
                .willReturn(aResponse().withStatus(500).withBody("[{\"message\":\"boom\",\"errorCode\":\"UNKNOWN_EXCEPTION\"}]")));
        answers.add(getCustomer(CONTACT).body());
        answers.add(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());

        assertThat(logs.getAll()).contains("crm answered upstream_unavailable");
        for (String secret : List.of("sandbox-not-a-secret", session)) {
            assertThat(logs.getAll()).as("logs").doesNotContain(secret);
            assertThat(answers).as("answers and metrics").noneMatch(answer -> answer.contains(secret));
        }
    }

    private HttpResponse<String> getCustomer(String id) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/customers/" + id))
                        .header("Authorization", "Bearer " + Tokens.forCustomer(id, "customer:read")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Customer withoutCrmIdentity(Customer customer) {
        return new Customer(null, customer.name(), customer.email(), customer.phone(), customer.tier(),
                customer.locale(), null, customer.updatedAt());
    }

    private static WireMockServer sandbox() {
        return Sandboxes.server("salesforce");
    }

    private static CircuitBreaker breaker() {
        return hub.getBean("salesforceBreaker", CircuitBreaker.class);
    }

    private static SalesforceComponent component() {
        return hub.getBean("salesforce", SalesforceComponent.class);
    }
}
