package io.switchboard.connectors.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.connectors.VendorJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.model.CrmActivity;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * A {@link CrmActivity} as a HubSpot note ({@code POST /crm/v3/objects/notes}) on the customer's contact record,
 * and the created note's id from HubSpot's answer. Pure.
 */
@Component("hubspotNoteMapper")
public class HubSpotNoteMapper {

    /** HubSpot's default association type from a note to a contact. */
    static final int NOTE_TO_CONTACT = 202;
    /** HubSpot's limit on {@code hs_note_body}. */
    static final int MAX_BODY = 65_536;

    private final ObjectMapper json;

    public HubSpotNoteMapper(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The note: {@code hs_timestamp} is when the event happened (it places the note on the record's timeline),
     * {@code hs_note_body} is HubSpot's rich text, so what the customer wrote is HTML-escaped; associated to the
     * contact whose id is the activity's customer.
     */
    public String createBody(CrmActivity activity) {
        ObjectNode note = json.createObjectNode();
        ObjectNode properties = note.putObject("properties");
        properties.put("hs_timestamp", activity.at().toString());
        properties.put("hs_note_body", body(activity));
        ObjectNode association = note.putArray("associations").addObject();
        association.putObject("to").put("id", activity.customerId());
        association.putArray("types").addObject()
                .put("associationCategory", "HUBSPOT_DEFINED")
                .put("associationTypeId", NOTE_TO_CONTACT);
        return note.toString();
    }

    /** The id of the note HubSpot created. */
    public String noteId(String createdJson) {
        JsonNode note = VendorJson.read(json, createdJson, "HubSpot");
        JsonNode id = note.path("id");
        if (!id.isTextual() || id.asText().isBlank()) {
            throw new UnreadableUpstreamResponse("HubSpot note without id", null);
        }
        return id.asText();
    }

    private static String body(CrmActivity activity) {
        String footer = "<p>Switchboard event " + HtmlUtils.htmlEscape(activity.eventId()) + "</p>";
        StringBuilder body = new StringBuilder("<p><strong>").append(HtmlUtils.htmlEscape(activity.subject()))
                .append("</strong></p>");
        if (activity.text() != null) {
            String text = HtmlUtils.htmlEscape(activity.text()).replace("\r\n", "\n").replace("\n", "<br>");
            int room = MAX_BODY - body.length() - footer.length() - "<p></p>".length();
            body.append("<p>").append(text.length() > room ? text.substring(0, Math.max(0, room - 1)) + "…" : text)
                    .append("</p>");
        }
        return body.append(footer).toString();
    }
}
