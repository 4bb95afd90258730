package io.switchboard.api;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.SwitchboardApplication;
import io.switchboard.model.CrmActivity;
import io.switchboard.support.Sandboxes;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An org with an External ID field on Task (switchboard.vendors.salesforce.task-external-id-field): an activity is
 * upserted by the hub's event id, one call per attempt, no lookup, and a repeat cannot create a second Task.
 */
class SalesforceTaskUpsertTest {

    @TempDir
    Path data;

    @Test
    void anActivityIsUpsertedByItsEventId() {
        Sandboxes.reset("salesforce");
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("local", "test")
                .run("--server.port=0",
                        "--switchboard.crm.provider=salesforce",
                        "--switchboard.vendors.salesforce.base-url=" + Sandboxes.baseUrl("salesforce"),
                        // a first login in a cold JVM is slow; the timeouts are SalesforceCrmTest's subject
                        "--switchboard.vendors.salesforce.timeout-millis=10000",
                        "--switchboard.vendors.salesforce.task-external-id-field=Switchboard_Event_Id__c",
                        "--switchboard.local.postgres.data-directory=" + data.resolve("postgres"),
                        "--spring.artemis.embedded.data-directory=" + data.resolve("artemis"))) {
            ProducerTemplate producer = hub.getBean(ProducerTemplate.class);
            CrmActivity activity = new CrmActivity("evt/sf 2", "003Dp000001BobNAAS", "conv-sf-2", "resolved", null,
                    null, Instant.parse("2026-11-24T06:00:00Z"));

            String first = producer.requestBody("direct:crm.activity.log", activity, String.class);
            String again = producer.requestBody("direct:crm.activity.log", activity, String.class);

            assertThat(first).isEqualTo("00TDp000003SbxUMAS").isEqualTo(again);
            // the event id is a path segment, encoded: it cannot name another resource
            Sandboxes.server("salesforce").verify(2, patchRequestedFor(
                    urlPathEqualTo("/services/data/v65.0/sobjects/Task/Switchboard_Event_Id__c/evt%2Fsf%202"))
                    .withRequestBody(matchingJsonPath("$.WhoId", equalTo("003Dp000001BobNAAS")))
                    .withRequestBody(matchingJsonPath("$.Subject", equalTo("Chat conv-sf-2: resolved")))
                    .withRequestBody(matchingJsonPath("$.Description", equalTo("Switchboard event evt/sf 2")))
                    .withRequestBody(matchingJsonPath("$.Status", equalTo("Completed"))));
            Sandboxes.server("salesforce").verify(0, postRequestedFor(urlPathMatching("/services/data/.*/sobjects/Task/?")));
        } finally {
            Sandboxes.reset("salesforce");
        }
    }
}
