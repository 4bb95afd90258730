package io.switchboard.conflicts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.security.AuditLog;
import io.switchboard.support.Http;
import io.switchboard.support.HubTest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Customer changes from the CRMs and the shops, decided by the customer rules of application.yaml (the CRMs own
 * email and phone, the shops the address, last-write-wins otherwise) and of the test profile (tier: manual), against
 * the hub's record of each field; a held-back tier is rejected through the admin API.
 */
@HubTest
class CustomerChangesTest {

    private static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private final ObjectMapper json = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    CustomerChanges customers;

    @Autowired
    AuditLog audit;

    private static String newCustomer() {
        return "c-" + UUID.randomUUID();
    }

    @Test
    void aFieldWithoutAnOwnerTakesTheLaterChangeByTheSourcesOwnClock() {
        String customer = newCustomer();
        customers.apply("hubspot", customer, Map.of("firstname", "Ada"), T0.plusSeconds(60));

        FieldLedger.Outcome older = customers.apply("salesforce", customer, Map.of("firstname", "Adah"), T0);
        assertThat(older.kept()).containsExactly("firstname");
        assertThat(customers.current(customer).get("firstname")).isEqualTo(
                new FieldValue("Ada", "hubspot", T0.plusSeconds(60)));

        FieldLedger.Outcome newer = customers.apply("salesforce", customer, Map.of("firstname", "Adah"),
                T0.plusSeconds(120));
        assertThat(newer.applied()).containsExactly("firstname");
        assertThat(customers.current(customer).get("firstname").value()).isEqualTo("Adah");
    }

    @Test
    void theCrmsOwnEmailAndPhoneAndTheShopsOwnTheAddress() {
        String customer = newCustomer();
        customers.apply("shopify", customer, Map.of("email", "ada@shop.example", "address", "1 Shop Street"), T0);

        FieldLedger.Outcome fromCrm = customers.apply("hubspot", customer,
                Map.of("email", "ada@crm.example", "address", "9 CRM Road"), T0.plusSeconds(60));
        assertThat(fromCrm.applied()).containsExactly("email");
        assertThat(fromCrm.kept()).containsExactly("address");

        FieldLedger.Outcome laterFromShop = customers.apply("shopify", customer,
                Map.of("email", "ada@newshop.example", "address", "2 Shop Street"), T0.plusSeconds(600));
        assertThat(laterFromShop.kept()).as("the shop's newer email still loses to the CRM's").containsExactly("email");
        assertThat(laterFromShop.applied()).containsExactly("address");

        FieldLedger.Outcome secondCrm = customers.apply("salesforce", customer, Map.of("email", "ada@sf.example"),
                T0.plusSeconds(900));
        assertThat(secondCrm.kept()).as("HubSpot comes before Salesforce").containsExactly("email");

        Map<String, FieldValue> record = customers.current(customer);
        assertThat(record.get("email")).isEqualTo(new FieldValue("ada@crm.example", "hubspot", T0.plusSeconds(60)));
        assertThat(record.get("address")).isEqualTo(new FieldValue("2 Shop Street", "shopify", T0.plusSeconds(600)));
    }

    @Test
    void aManualFieldChangedByAnotherSourceWaitsAndARejectionKeepsTheValue() throws Exception {
        String customer = newCustomer();
        customers.apply("hubspot", customer, Map.of("tier", "gold"), T0);
        Map<String, String> silver = new HashMap<>();
        silver.put("tier", "silver");
        FieldLedger.Outcome held = customers.apply("salesforce", customer, silver, T0.plusSeconds(60));
        assertThat(held.reviews()).hasSize(1);
        assertThat(customers.apply("hubspot", customer, Map.of("tier", "platinum"), T0.plusSeconds(30)).applied())
                .as("its own source updates it").containsExactly("tier");

        Http http = new Http(port);
        String id = held.reviews().get(0);
        JsonNode shown = json.readTree(http.send("GET", "/admin/conflicts/" + id, (String) null,
                "X-Api-Key", ADMIN_KEY).body());
        assertThat(shown.path("state").asText()).isEqualTo("pending");
        assertThat(shown.path("dataType").asText()).isEqualTo("customer");
        assertThat(shown.path("proposed").path("value").asText()).isEqualTo("silver");

        HttpResponse<String> rejected = http.send("POST", "/admin/conflicts/" + id + "/reject", "",
                "X-Api-Key", ADMIN_KEY);
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(json.readTree(rejected.body()).path("state").asText()).isEqualTo("rejected");
        assertThat(json.readTree(rejected.body()).path("resolvedBy").asText()).isEqualTo("apikey:bootstrap");
        assertThat(customers.current(customer).get("tier").value()).isEqualTo("platinum");
        assertThat(audit.find("apikey:bootstrap", "conflict.reject", "rejected", null, 10))
                .anySatisfy(entry -> assertThat(entry.detail()).isEqualTo(id + " customer " + customer
                        + " tier from salesforce"));
        JsonNode pending = json.readTree(http.send("GET", "/admin/conflicts?type=customer&limit=500", (String) null,
                "X-Api-Key", ADMIN_KEY).body());
        assertThat(pending.path("items").findValuesAsText("id")).doesNotContain(id);
    }

    @Test
    void malformedChangesAreRefusedBeforeAnythingIsRecorded() {
        assertThatThrownBy(() -> customers.apply("Hub Spot", newCustomer(), Map.of("email", "x"), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> customers.apply("hubspot", newCustomer(), Map.of("E-Mail", "x"), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> customers.apply("hubspot", newCustomer(), Map.of("email", "x"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
