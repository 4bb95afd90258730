package io.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.switchboard.connectors.salesforce.SalesforceApiUsage;
import io.switchboard.errors.ApiException;
import io.switchboard.errors.ErrorCode;
import io.switchboard.model.CrmActivity;
import io.switchboard.model.Customer;
import io.switchboard.model.CustomerLookup;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;

/**
 * What Salesforce serves as the CRM: its own login once and the session kept, the customer from the contact (the same
 * canonical customer as HubSpot's), found by email or phone with escaped SOQL, not found for a contact it does not
 * have, and a conversation's activity logged as one completed Task. Run by {@link SalesforceCrmTest} on its hub.
 */
abstract class SalesforceCrmCapabilities extends SalesforceCrmCase {

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

    private static Customer withoutCrmIdentity(Customer customer) {
        return new Customer(null, customer.name(), customer.email(), customer.phone(), customer.tier(),
                customer.locale(), null, customer.updatedAt());
    }
}
