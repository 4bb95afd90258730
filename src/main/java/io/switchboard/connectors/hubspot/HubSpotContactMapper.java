package io.switchboard.connectors.hubspot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.api.ApiException;
import io.switchboard.model.Customer;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** A HubSpot CRM v3 contact ({@code GET /crm/v3/objects/contacts/{id}}) to the canonical {@link Customer}. Pure. */
@Component("hubspotContactMapper")
public class HubSpotContactMapper {

    private final ObjectMapper json;
    private final String portalId;

    public HubSpotContactMapper(ObjectMapper json, @Value("${switchboard.vendors.hubspot.portal-id:}") String portalId) {
        this.json = json;
        this.portalId = portalId;
    }

    /** The contact, or not found when HubSpot answered 404 for its id. */
    public Customer toCustomer(String contactJson, Integer status, String id) {
        if (status != null && status == 404) {
            throw ApiException.notFound("Customer " + id);
        }
        return toCustomer(contactJson);
    }

    public Customer toCustomer(String contactJson) {
        JsonNode contact;
        try {
            contact = json.readTree(contactJson == null ? "" : contactJson);
        } catch (JsonProcessingException e) {
            throw new UnreadableUpstreamResponse("HubSpot answered with malformed JSON", e);
        }
        if (!contact.path("id").isTextual() || !contact.path("properties").isObject()) {
            throw new UnreadableUpstreamResponse("HubSpot contact without id or properties", null);
        }
        JsonNode properties = contact.path("properties");
        String id = contact.path("id").asText();
        String name = String.join(" ", text(properties, "firstname", ""), text(properties, "lastname", "")).trim();
        return new Customer(
                id,
                name.isEmpty() ? null : name,
                text(properties, "email", null),
                text(properties, "phone", null),
                null,
                text(properties, "hs_language", null),
                portalId.isBlank() ? null : "https://app.hubspot.com/contacts/" + portalId + "/record/0-1/" + id,
                instant(contact.path("updatedAt").asText(null)));
    }

    private static String text(JsonNode properties, String name, String absent) {
        JsonNode value = properties.path(name);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : absent;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
