package io.switchboard.connectors.zoho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.errors.ApiException;
import io.switchboard.model.CrmActivity;
import io.switchboard.model.Customer;
import io.switchboard.model.CustomerLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Zoho CRM's documented answers, as the sandbox serves them, to the canonical records and back. */
class ZohoCrmMapperTest {

    private final ObjectMapper json = new ObjectMapper();
    private final ZohoCrmMapper mapper = new ZohoCrmMapper(json, "");

    @Test
    void aContactRecordIsTheCanonicalCustomer() throws Exception {
        Customer customer = mapper.toCustomer(fixture("contacts/5725767000000524157.json"), 200, "5725767000000524157");

        assertThat(customer).isEqualTo(new Customer("5725767000000524157", "Bob Norman", "bob.norman@hostmail.com",
                "555-625-1199", null, null, null, Instant.parse("2026-11-20T16:50:06Z")));
        assertThat(mapper.fromSearch(fixture("contacts/search-5725767000000524157.json"), 200)).isEqualTo(customer);
    }

    @Test
    void noContentIsNotFound() {
        assertThatThrownBy(() -> mapper.fromSearch("", 204)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> mapper.toCustomer(null, 204, "1")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> mapper.contactPath("../users")).isInstanceOf(ApiException.class);
    }

    @Test
    void aLookupIsTheSearchApisEmailOrPhoneParameter() {
        assertThat(mapper.searchQuery(CustomerLookup.byEmail("bob+1@hostmail.com"))).isEqualTo("email=bob%2B1%40hostmail.com");
        assertThat(mapper.searchQuery(CustomerLookup.byPhone("555-625-1199"))).isEqualTo("phone=555-625-1199");
    }

    @Test
    void anActivityIsANoteAndItsIdComesFromTheAnswer() throws Exception {
        CrmActivity activity = new CrmActivity("evt-1", "5725767000000524157", "conv-1", "escalated", null, null,
                Instant.parse("2026-11-24T06:00:00Z"));

        assertThat(json.readTree(mapper.noteBody(activity)).path("data").path(0).path("Note_Title").asText())
                .isEqualTo("Chat conv-1: escalated");
        assertThat(mapper.noteId(fixture("notes/created.json"))).isEqualTo("5725767000000611023");
    }

    private static String fixture(String name) throws Exception {
        return Files.readString(Path.of("sandbox/zoho/__files", name));
    }
}
