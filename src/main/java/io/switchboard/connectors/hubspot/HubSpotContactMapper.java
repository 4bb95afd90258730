package io.switchboard.connectors.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.connectors.VendorJson;
import io.switchboard.errors.NotFound;
import io.switchboard.model.Customer;
import io.switchboard.model.CustomerLookup;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A HubSpot CRM v3 contact ({@code GET /crm/v3/objects/contacts/{id}}, or a result of
 * {@code POST /crm/v3/objects/contacts/search}) to the canonical {@link Customer}. Pure.
 */
@Component("hubspotContactMapper")
public class HubSpotContactMapper {

    /** The contact properties a {@link Customer} is made of. */
    static final List<String> PROPERTIES =
            List.of("email", "firstname", "lastname", "phone", "hs_language", "lastmodifieddate");

    private final ObjectMapper json;
    private final String portalId;

    public HubSpotContactMapper(ObjectMapper json, @Value("${switchboard.vendors.hubspot.portal-id:}") String portalId) {
        this.json = json;
        this.portalId = portalId;
    }

    /** The contact, or not found when HubSpot answered 404 for its id. */
    public Customer toCustomer(String contactJson, Integer status, String id) {
        if (status != null && status == 404) {
            throw new NotFound("Customer " + id);
        }
        return toCustomer(contactJson);
    }

    public Customer toCustomer(String contactJson) {
        return customer(read(contactJson));
    }

    /**
     * The search request for a customer by email, else by phone ({@code EQ}, HubSpot's filterGroups shape), for the
     * properties a Customer needs; of several matches, the most recently modified.
     */
    public String searchBody(CustomerLookup lookup) {
        boolean byEmail = lookup.email() != null && !lookup.email().isBlank();
        String value = byEmail ? lookup.email().trim() : lookup.phone() == null ? "" : lookup.phone().trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a customer lookup needs an email or a phone");
        }
        ObjectNode search = json.createObjectNode();
        search.putArray("filterGroups").addObject().putArray("filters").addObject()
                .put("propertyName", byEmail ? "email" : "phone")
                .put("operator", "EQ")
                .put("value", value);
        search.putArray("sorts").addObject().put("propertyName", "lastmodifieddate").put("direction", "DESCENDING");
        ArrayNode properties = search.putArray("properties");
        PROPERTIES.forEach(properties::add);
        search.put("limit", 1);
        return search.toString();
    }

    /** The first contact of a search response; not found when there is none. */
    public Customer fromSearch(String searchJson) {
        JsonNode results = read(searchJson).path("results");
        if (!results.isArray()) {
            throw new UnreadableUpstreamResponse("HubSpot search answer without results", null);
        }
        if (results.isEmpty()) {
            throw new NotFound("Customer");
        }
        return customer(results.get(0));
    }

    private JsonNode read(String body) {
        return VendorJson.read(json, body, "HubSpot");
    }

    private Customer customer(JsonNode contact) {
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
