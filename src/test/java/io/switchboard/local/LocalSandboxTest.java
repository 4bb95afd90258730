package io.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.SwitchboardApplication;
import io.switchboard.support.Sandboxes;
import io.switchboard.support.Tokens;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * The local run serves every vendor folder of {@code sandbox/} and points the vendor at it, with nothing about the
 * vendor in the local profile: Zoho CRM (a folder, its settings block and its sandbox's local.yaml) answers a
 * customer read through the hub as the CRM of a local run.
 */
class LocalSandboxTest {

    private static final String CONTACT = "5725767000000524157";

    @TempDir
    static Path data;

    private static ConfigurableApplicationContext hub;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startLocalRun() {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--switchboard.local.postgres.data-directory=" + data.resolve("postgres"),
                "--spring.artemis.embedded.data-directory=" + data.resolve("artemis"),
                "--switchboard.local.sandbox.enabled=true",   // the test profile leaves the sandbox to the tests
                "--switchboard.crm.provider=zoho"));
        for (String vendor : Sandboxes.VENDORS) {
            // the local run's fixed ports may be taken on this machine: any free one, as a vendor without one gets
            arguments.add("--switchboard.local.sandbox.ports." + vendor + "=0");
        }
        hub = new SpringApplicationBuilder(SwitchboardApplication.class).profiles("local", "test")
                .run(arguments.toArray(String[]::new));
    }

    @AfterAll
    static void stopLocalRun() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void everyFolderWithMappingsIsAVendorSandboxAsInTheTests() {
        assertThat(SandboxAddresses.vendors(Path.of("sandbox"))).containsExactly(Sandboxes.VENDORS)
                .contains("zoho", "notion").doesNotContain("order-status");
    }

    @Test
    void eachVendorsBaseUrlIsItsOwnSandboxWithoutALineInTheLocalProfile() throws Exception {
        assertThat(Files.readString(Path.of("src/main/resources/application-local.yaml")))
                .doesNotContain("zoho", "notion", "base-url", "127.0.0.1:", "\n  vendors:");
        Environment environment = hub.getEnvironment();
        for (String vendor : Sandboxes.VENDORS) {
            String baseUrl = environment.getProperty("switchboard.vendors." + vendor + ".base-url");
            int port = environment.getProperty("switchboard.local.sandbox.ports." + vendor, Integer.class, 0);
            assertThat(port).as(vendor).isPositive();
            assertThat(baseUrl).as(vendor).isEqualTo("http://127.0.0.1:" + port)
                    .isNotEqualTo(Sandboxes.baseUrl(vendor));   // not the tests' own sandbox
            await().atMost(Duration.ofSeconds(30)).until(() -> served(baseUrl));
        }
    }

    @Test
    void theZohoCrmCustomerIsReadThroughTheHubFromItsLocalSandbox() throws Exception {
        String zoho = hub.getEnvironment().getProperty("switchboard.vendors.zoho.base-url");
        await().atMost(Duration.ofSeconds(30)).until(() -> served(zoho));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + hub.getEnvironment().getProperty("local.server.port") + "/api/v1/customers/" + CONTACT))
                .header("Authorization", "Bearer " + Tokens.forCustomer(CONTACT, "customer:read")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode customer = new ObjectMapper().readTree(response.body());
        assertThat(customer.path("id").asText()).isEqualTo(CONTACT);
        assertThat(customer.path("name").asText()).isEqualTo("Bob Norman");
        assertThat(hub.getEnvironment().getProperty("switchboard.vendors.zoho.accounts-url")).isEqualTo(zoho);
    }

    /** The sandbox's WireMock answers its admin API. */
    private boolean served(String baseUrl) throws Exception {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/__admin/mappings?limit=1")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (ConnectException e) {
            return false;
        }
    }
}
