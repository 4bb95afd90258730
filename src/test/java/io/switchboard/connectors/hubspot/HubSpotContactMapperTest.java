package io.switchboard.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.errors.ApiException;
import io.switchboard.errors.ErrorCode;
import io.switchboard.model.Customer;
import io.switchboard.model.CustomerLookup;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The HubSpot contact mapper against the sandbox fixtures and HubSpot's search samples. */
class HubSpotContactMapperTest {

    private final HubSpotContactMapper mapper = new HubSpotContactMapper(new ObjectMapper(), "62515");

    @Test
    void mapsTheSandboxContact() throws Exception {
        Customer customer = mapper.toCustomer(Files.readString(Path.of("sandbox/hubspot/__files/contacts/207119551.json")));

        assertThat(customer.id()).isEqualTo("207119551");
        assertThat(customer.name()).isEqualTo("Bob Norman");
        assertThat(customer.email()).isEqualTo("bob.norman@hostmail.com");
        assertThat(customer.phone()).isEqualTo("555-625-1199");
        assertThat(customer.locale()).isEqualTo("en-us");
        assertThat(customer.crmUrl()).isEqualTo("https://app.hubspot.com/contacts/62515/record/0-1/207119551");
        assertThat(customer.updatedAt()).isEqualTo(Instant.parse("2026-11-20T16:50:06.678Z"));
    }

    @Test
    void mapsAContactWithOnlyTheDefaultProperties() {
        // a result of HubSpot's documented CRM search response: createdate, email, firstname, lastname, ...
        String contact = "{\"id\":\"512\",\"properties\":{\"createdate\":\"2019-10-30T03:30:17.883Z\","
                + "\"email\":\"bh@hubspot.com\",\"firstname\":\"Brian\",\"hs_object_id\":\"512\","
                + "\"lastmodifieddate\":\"2019-12-07T16:50:06.678Z\",\"lastname\":\"Halligan\"},"
                + "\"createdAt\":\"2019-10-30T03:30:17.883Z\",\"updatedAt\":\"2019-12-07T16:50:06.678Z\",\"archived\":false}";

        Customer customer = mapper.toCustomer(contact);

        assertThat(customer.name()).isEqualTo("Brian Halligan");
        assertThat(customer.phone()).isNull();
        assertThat(customer.locale()).isNull();
    }

    @Test
    void a404IsNotFoundAndMalformedJsonAnUpstreamFailure() {
        assertThatThrownBy(() -> mapper.toCustomer("{\"status\":\"error\",\"category\":\"OBJECT_NOT_FOUND\"}", 404, "7"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> mapper.toCustomer("{\"id\": ", 200, "7")).isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> mapper.toCustomer("{\"results\":[]}", 200, "7")).isInstanceOf(UnreadableUpstreamResponse.class);
    }

    @Test
    void searchesByEmailElsePhoneInHubSpotsFilterShape() throws Exception {
        ObjectMapper json = new ObjectMapper();

        JsonNode byEmail = json.readTree(mapper.searchBody(CustomerLookup.byEmail(" bob.norman@hostmail.com ")));
        JsonNode byPhone = json.readTree(mapper.searchBody(CustomerLookup.byPhone("555-625-1199")));

        JsonNode filter = byEmail.path("filterGroups").get(0).path("filters").get(0);
        assertThat(filter.path("propertyName").asText()).isEqualTo("email");
        assertThat(filter.path("operator").asText()).isEqualTo("EQ");
        assertThat(filter.path("value").asText()).isEqualTo("bob.norman@hostmail.com");
        assertThat(byPhone.path("filterGroups").get(0).path("filters").get(0).path("propertyName").asText()).isEqualTo("phone");
        assertThat(byEmail.path("limit").asInt()).isEqualTo(1);
        assertThat(byEmail.path("properties").toString()).contains("\"phone\"", "\"hs_language\"");
        assertThatThrownBy(() -> mapper.searchBody(new CustomerLookup(" ", null))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mapsTheFirstSearchResultAndNoResultIsNotFound() throws Exception {
        Customer customer = mapper.fromSearch(Files.readString(Path.of("sandbox/hubspot/__files/contacts/search-207119551.json")));

        assertThat(customer.id()).isEqualTo("207119551");
        assertThat(customer.name()).isEqualTo("Bob Norman");
        assertThat(customer.phone()).isEqualTo("555-625-1199");
        assertThat(customer.updatedAt()).isEqualTo(Instant.parse("2026-11-20T16:50:06.678Z"));
        assertThatThrownBy(() -> mapper.fromSearch("{\"total\":0,\"results\":[]}"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> mapper.fromSearch("{\"total\":1,\"results\":[{\"id\": ")).isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> mapper.fromSearch("{\"status\":\"error\"}")).isInstanceOf(UnreadableUpstreamResponse.class);
    }

    @Test
    void mapsHubSpotsDocumentedSearchResponse() {
        // developers.hubspot.com "Search the CRM": total, results with the default properties, paging.next
        String response = "{\"total\":1,\"results\":[{\"id\":\"512\",\"properties\":{\"createdate\":\"2019-10-30T03:30:17.883Z\","
                + "\"email\":\"bh@hubspot.com\",\"firstname\":\"Brian\",\"hs_object_id\":\"512\","
                + "\"lastmodifieddate\":\"2019-12-07T16:50:06.678Z\",\"lastname\":\"Halligan\"},"
                + "\"createdAt\":\"2019-10-30T03:30:17.883Z\",\"updatedAt\":\"2019-12-07T16:50:06.678Z\",\"archived\":false}],"
                + "\"paging\":{\"next\":{\"after\":\"NTI1Cg%3D%3D\",\"link\":\"?after=NTI1Cg%3D%3D\"}}}";

        Customer customer = mapper.fromSearch(response);

        assertThat(customer.id()).isEqualTo("512");
        assertThat(customer.email()).isEqualTo("bh@hubspot.com");
        assertThat(customer.name()).isEqualTo("Brian Halligan");
    }
}
