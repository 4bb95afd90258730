package io.switchboard.connectors.salesforce;

import static io.switchboard.connectors.salesforce.SalesforceLogins.getCustomer;
import static io.switchboard.connectors.salesforce.SalesforceLogins.tokenRequests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.SwitchedHub;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Salesforce's OAuth 2.0 refresh token flow end to end against the sandbox's token endpoint; an expired refresh
 * token (Salesforce's invalid_grant) is the contract's upstream_unavailable from the CRM, not a 500.
 */
class SalesforceRefreshTokenLoginTest {

    private static final String REFRESH_TOKEN = "5Aep861SandboxRefreshTokenNotASecret";

    @TempDir
    static Path data;

    private static ConfigurableApplicationContext hub;
    private static int port;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startHub() {
        Sandboxes.reset("salesforce");
        hub = SwitchedHub.start(data, "switchboard.crm.provider=salesforce",
                "switchboard.vendors.salesforce.auth=refresh-token",
                "switchboard.vendors.salesforce.client-id=sandbox-consumer-key",
                "switchboard.vendors.salesforce.client-secret=sandbox-not-a-secret",
                "switchboard.vendors.salesforce.refresh-token=" + REFRESH_TOKEN);
        port = SwitchedHub.port(hub);
        SalesforceLogins.warmUp(hub);
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
        Sandboxes.reset("salesforce");
    }

    @AfterEach
    void theConfiguredToken() {
        SalesforceLogins.component(hub).getLoginConfig().setRefreshToken(REFRESH_TOKEN);
    }

    @Test
    void logsInWithTheRefreshTokenAndServesTheCustomer() throws Exception {
        SalesforceLogins.loggedOut(hub);

        HttpResponse<String> customer = getCustomer(port);

        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(200);
        List<Map<String, String>> logins = tokenRequests();
        assertThat(logins).hasSize(1);
        assertThat(logins.get(0)).containsEntry("grant_type", "refresh_token")
                .containsEntry("refresh_token", REFRESH_TOKEN).containsEntry("client_id", "sandbox-consumer-key")
                .containsEntry("client_secret", "sandbox-not-a-secret");
        assertThat(SalesforceLogins.component(hub).getSession().getAccessToken())
                .isEqualTo("00DDp000000SbxQ!AQ4AQSandboxRefreshedSessionNotASecret");
    }

    @Test
    void anExpiredRefreshTokenIsUpstreamUnavailableFromTheCrmNotAnError() throws Exception {
        SalesforceLogins.loggedOut(hub);
        // the token the hub holds has expired or been revoked: the sandbox answers any other token so
        SalesforceLogins.component(hub).getLoginConfig().setRefreshToken("5Aep861ExpiredRefreshToken");

        HttpResponse<String> customer = getCustomer(port);

        assertThat(customer.statusCode()).as(customer.body()).isEqualTo(503);
        JsonNode problem = json.readTree(customer.body());
        assertThat(problem.path("code").asText()).isEqualTo("upstream_unavailable");
        assertThat(problem.path("source").asText()).isEqualTo("crm");
        assertThat(customer.body()).doesNotContain("5Aep861").doesNotContain("expired access");
        assertThat(tokenRequests()).isNotEmpty().allSatisfy(form ->
                assertThat(form).containsEntry("refresh_token", "5Aep861ExpiredRefreshToken"));
    }
}
