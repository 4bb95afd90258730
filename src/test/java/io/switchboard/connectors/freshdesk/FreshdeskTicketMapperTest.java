package io.switchboard.connectors.freshdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.model.TicketRequest;
import io.switchboard.model.TicketSummary;
import io.switchboard.model.TranscriptEntry;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Freshdesk's customer tag and the search for a customer's unsolved tickets, against the sandbox fixture. */
class FreshdeskTicketMapperTest {

    private final ObjectMapper json = new ObjectMapper();
    private final FreshdeskTicketMapper mapper = new FreshdeskTicketMapper(json, "https://example.freshdesk.com");

    @Test
    void everyTicketCarriesTheConversationAndTheCustomerTags() throws Exception {
        TicketRequest request = new TicketRequest("conv-1", "207119551", "Parcel",
                List.of(new TranscriptEntry("customer", "Late", Instant.parse("2026-11-24T06:00:00Z"))), "normal");

        JsonNode body = json.readTree(mapper.createBody(request));

        assertThat(body.path("tags").toString()).isEqualTo("[\"conversation-conv-1\",\"customer-207119551\"]");
    }

    @Test
    void theOpenTicketsSearchIsTheCustomersTagOpenOrPending() {
        assertThat(URLDecoder.decode(mapper.openTicketsQuery("207119551"), StandardCharsets.UTF_8))
                .isEqualTo("query=\"tag:'customer-207119551' AND (status:2 OR status:3)\"");
        assertThat(FreshdeskTicketMapper.customerTag("a' OR tag:'b")).isEqualTo("customer-a__OR_tag:_b");
    }

    @Test
    void mapsTheSandboxSearchToTicketSummaries() throws Exception {
        List<TicketSummary> tickets = mapper.openTickets(
                Files.readString(Path.of("sandbox/freshdesk/__files/search-open-tickets.json")));

        assertThat(tickets).containsExactly(
                new TicketSummary("4217", "Where is my parcel?", "open", "high", Instant.parse("2026-11-21T10:00:00Z")),
                new TicketSummary("4203", "Change my delivery address", "pending", "low", Instant.parse("2026-11-19T15:30:00Z")));
    }

    @Test
    void malformedAnswersAreUpstreamFailures() {
        assertThatThrownBy(() -> mapper.openTickets("{\"results\": [")).isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> mapper.openTickets("{\"code\": \"x\"}")).isInstanceOf(UnreadableUpstreamResponse.class);
    }
}
