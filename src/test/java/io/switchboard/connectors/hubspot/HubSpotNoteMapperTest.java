package io.switchboard.connectors.hubspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.model.CrmActivity;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A CrmActivity as a HubSpot note, and the note's id from the sandbox's create answer. */
class HubSpotNoteMapperTest {

    private final ObjectMapper json = new ObjectMapper();
    private final HubSpotNoteMapper mapper = new HubSpotNoteMapper(json);

    @Test
    void aNoteOnTheContactsTimelineWithTheDefaultNoteToContactAssociation() throws Exception {
        CrmActivity activity = new CrmActivity("evt_1", "207119551", "conv-42", "message", "customer",
                "My order <b>1002</b> & more\nsecond line", Instant.parse("2026-11-24T06:00:00Z"));

        JsonNode note = json.readTree(mapper.createBody(activity));

        assertThat(note.path("properties").path("hs_timestamp").asText()).isEqualTo("2026-11-24T06:00:00Z");
        assertThat(note.path("properties").path("hs_note_body").asText())
                .isEqualTo("<p><strong>Chat conv-42: message (customer)</strong></p>"
                        + "<p>My order &lt;b&gt;1002&lt;/b&gt; &amp; more<br>second line</p><p>Switchboard event evt_1</p>");
        JsonNode association = note.path("associations").get(0);
        assertThat(association.path("to").path("id").asText()).isEqualTo("207119551");
        assertThat(association.path("types").get(0).path("associationCategory").asText()).isEqualTo("HUBSPOT_DEFINED");
        assertThat(association.path("types").get(0).path("associationTypeId").asInt()).isEqualTo(202);
    }

    @Test
    void anEventWithoutTextIsStillANote() throws Exception {
        CrmActivity escalated = new CrmActivity("evt_2", "207119551", "conv-42", "escalated", null, null,
                Instant.parse("2026-11-24T06:05:00Z"));

        String body = json.readTree(mapper.createBody(escalated)).path("properties").path("hs_note_body").asText();

        assertThat(body).isEqualTo("<p><strong>Chat conv-42: escalated</strong></p><p>Switchboard event evt_2</p>");
    }

    @Test
    void theNotesIdFromTheCreateAnswer() throws Exception {
        assertThat(mapper.noteId(Files.readString(Path.of("sandbox/hubspot/__files/notes/created.json"))))
                .isEqualTo("94872536102");
        assertThatThrownBy(() -> mapper.noteId("{\"id\": ")).isInstanceOf(UnreadableUpstreamResponse.class);
        assertThatThrownBy(() -> mapper.noteId("{\"status\":\"error\",\"category\":\"VALIDATION_ERROR\"}"))
                .isInstanceOf(UnreadableUpstreamResponse.class);
    }
}
