package io.switchboard.privacy;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.security.ApiKeys;
import io.switchboard.support.PrivacyClient;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.SwitchedHub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Erasure on a hub with Salesforce, Jira Service Management and WooCommerce: the Contact deleted through
 * camel-salesforce (or anonymised, by the setting), once; the two vendors without an API for it recorded as
 * manual_action_required with the reason.
 */
class SalesforceErasureTest {

    private static final String CONTACT = "003Dp000001BobNAAS";

    @TempDir
    Path data;

    @Test
    void theContactIsDeletedOnceAndJiraAndWooCommerceNeedAPerson() throws Exception {
        Sandboxes.reset("salesforce");
        try (ConfigurableApplicationContext hub = start("delete")) {
            PrivacyClient privacy = client(hub);

            String requestId = privacy.erased(CONTACT);
            assertThat(privacy.erased(CONTACT)).isEqualTo(requestId);

            await().atMost(Duration.ofSeconds(30)).until(() -> privacy.request(requestId).hasNonNull("completedAt"));
            assertThat(privacy.status(requestId, "salesforce")).isEqualTo("completed");
            assertThat(privacy.status(requestId, "jira")).isEqualTo("manual_action_required");
            assertThat(privacy.system(requestId, "jira").path("reason").asText()).contains("Atlassian Administration");
            assertThat(privacy.status(requestId, "woocommerce")).isEqualTo("manual_action_required");
            assertThat(privacy.status(requestId, "hubspot")).isEqualTo("not_applicable");
            Sandboxes.server("salesforce").verify(1,
                    deleteRequestedFor(urlPathMatching("/services/data/v[0-9.]+/sobjects/Contact/" + CONTACT)));
        }
    }

    @Test
    void withTheSettingTheContactIsAnonymisedInstead() throws Exception {
        Sandboxes.reset("salesforce");
        try (ConfigurableApplicationContext hub = start("anonymise")) {
            PrivacyClient privacy = client(hub);

            String requestId = privacy.erased(CONTACT);

            await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(privacy.status(requestId, "salesforce")));
            Sandboxes.server("salesforce").verify(1,
                    patchRequestedFor(urlPathMatching("/services/data/v[0-9.]+/sobjects/Contact/" + CONTACT))
                            .withRequestBody(matchingJsonPath("$.LastName", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Erased")))
                            .withRequestBody(matchingJsonPath("$.Email", com.github.tomakehurst.wiremock.client.WireMock.absent())));
            Sandboxes.server("salesforce").verify(0,
                    deleteRequestedFor(urlPathMatching("/services/data/v[0-9.]+/sobjects/Contact/.*")));
        }
    }

    private ConfigurableApplicationContext start(String action) {
        ConfigurableApplicationContext hub = SwitchedHub.start(data, "switchboard.crm.provider=salesforce",
                "switchboard.helpdesk.provider=jira", "switchboard.orders.provider=woocommerce",
                "switchboard.jobs.privacy-erasure.salesforce-action=" + action);
        // the first login of a cold JVM may outlast a call's timeout: logged in before the erasure is timed
        try {
            hub.getBean(ProducerTemplate.class).requestBody("direct:crm.salesforce.customer.get", CONTACT);
        } catch (CamelExecutionException slowFirstLogin) {
            // the session is there for the next call
        }
        return hub;
    }

    private static PrivacyClient client(ConfigurableApplicationContext hub) {
        String key = hub.getBean(ApiKeys.class).mint("privacy office", Set.of("privacy:admin"), null).secret();
        return new PrivacyClient(SwitchedHub.port(hub), key);
    }
}
