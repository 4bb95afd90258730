package io.switchboard.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.ApiException;
import io.switchboard.api.ErrorCode;
import io.switchboard.model.Customer;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The HubSpot contact mapper against the sandbox fixture and HubSpot's search-result sample. */
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
}
