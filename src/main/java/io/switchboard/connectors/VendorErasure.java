package io.switchboard.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** What the privacy adapters (routes/connectors/&lt;vendor&gt;/privacy.camel.yaml) send and read, per vendor. */
@Component("vendorErasure")
public class VendorErasure {

    private final ObjectMapper json;

    public VendorErasure(ObjectMapper json) {
        this.json = json;
    }

    /** HubSpot's GDPR delete of a contact by its id: {@code {"objectId": "<id>"}}. */
    public String hubspotGdprDelete(String contactId) throws JsonProcessingException {
        return json.writeValueAsString(json.createObjectNode().put("objectId", contactId));
    }

    /** A query string looking a record up by the customer's id ({@code external_id=...}). */
    public String externalIdQuery(String field, String customerId) {
        return field + "=" + URLEncoder.encode(customerId, StandardCharsets.UTF_8);
    }

    /**
     * The ids of the records in a lookup's answer: the array {@code field} of the answer's object (Zendesk's
     * {@code {"users": [...]}}), or the answer itself when {@code field} is null (Freshdesk's {@code [...]}). An empty
     * answer (the vendor's 404) holds none.
     */
    public List<String> ids(String answer, String field, String vendor) {
        if (answer == null || answer.isBlank()) {
            return List.of();
        }
        JsonNode node = VendorJson.read(json, answer, vendor);
        JsonNode records = field == null ? node : node.path(field);
        List<String> ids = new ArrayList<>();
        for (JsonNode record : records) {
            if (record.path("id").isValueNode()) {
                ids.add(record.path("id").asText());
            }
        }
        return ids;
    }

    /** A Salesforce Contact's personal fields overwritten (LastName is required, so it says what happened). */
    public String salesforceAnonymousContact() throws JsonProcessingException {
        ObjectNode contact = json.createObjectNode();
        contact.putNull("FirstName");
        contact.put("LastName", "Erased");
        for (String field : List.of("Email", "Phone", "MobilePhone", "HomePhone", "OtherPhone", "Fax", "MailingStreet",
                "MailingCity", "MailingPostalCode", "MailingState", "MailingCountry", "Birthdate", "Description")) {
            contact.putNull(field);
        }
        contact.put("HasOptedOutOfEmail", true);
        return json.writeValueAsString(contact);
    }
}
