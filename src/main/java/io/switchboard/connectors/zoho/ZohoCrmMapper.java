package io.switchboard.connectors.zoho;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.connectors.VendorJson;
import io.switchboard.errors.NotFound;
import io.switchboard.model.CrmActivity;
import io.switchboard.model.Customer;
import io.switchboard.model.CustomerLookup;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Zoho CRM v7 Contacts and Notes to and from the canonical records. A record answer is {@code {"data":[{...}]}};
 * a search without match and a record Zoho does not have come as 204 with no body (a 404 too, for a record id that
 * is none). Pure.
 */
@Component("zohoCrmMapper")
public class ZohoCrmMapper {

    /** Zoho's limit on a note's content. */
    static final int MAX_CONTENT = 32_000;

    private final ObjectMapper json;
    private final String contactUrl;

    public ZohoCrmMapper(ObjectMapper json, @Value("${switchboard.vendors.zoho.contact-url:}") String contactUrl) {
        this.json = json;
        this.contactUrl = contactUrl;
    }

    /** {@code /crm/v7/Contacts/{id}}: a Zoho record id is digits only, anything else is no customer of Zoho's. */
    public String contactPath(String id) {
        return "/crm/v7/Contacts/" + recordId(id);
    }

    /** {@code /crm/v7/Contacts/{id}/Notes}, the contact's notes. */
    public String notesPath(String id) {
        return contactPath(id) + "/Notes";
    }

    /** The search by email, else by phone, as Zoho's search API takes them ({@code email=}, {@code phone=}). */
    public String searchQuery(CustomerLookup lookup) {
        boolean byEmail = lookup.email() != null && !lookup.email().isBlank();
        String value = byEmail ? lookup.email().trim() : lookup.phone() == null ? "" : lookup.phone().trim();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("a customer lookup needs an email or a phone");
        }
        return (byEmail ? "email=" : "phone=") + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The contact of a record answer; not found when Zoho has none under that id. */
    public Customer toCustomer(String body, Integer status, String id) {
        return first(body, status, "Customer " + id);
    }

    /** The first contact of a search answer; not found when there is none. */
    public Customer fromSearch(String body, Integer status) {
        return first(body, status, "Customer");
    }

    /** The note: the activity's subject as its title, what was said and the event's id as its content. */
    public String noteBody(CrmActivity activity) {
        String footer = "\n\nSwitchboard event " + activity.eventId();
        String text = activity.text() == null ? "" : activity.text();
        int room = MAX_CONTENT - footer.length();
        ObjectNode body = json.createObjectNode();
        ObjectNode note = body.putArray("data").addObject();
        note.put("Note_Title", activity.subject());
        note.put("Note_Content", (text.length() > room ? text.substring(0, room - 1) + "…" : text) + footer);
        return body.toString();
    }

    /** The id of the note Zoho created ({@code data[0].details.id}, code SUCCESS). */
    public String noteId(String body) {
        JsonNode created = VendorJson.read(json, body, "Zoho CRM").path("data").path(0);
        JsonNode id = created.path("details").path("id");
        if (!"SUCCESS".equals(created.path("code").asText()) || !id.isTextual() || id.asText().isBlank()) {
            throw new UnreadableUpstreamResponse("Zoho CRM note answer without a created id", null);
        }
        return id.asText();
    }

    private Customer first(String body, Integer status, String what) {
        if (status != null && (status == 204 || status == 404) || body == null || body.isBlank()) {
            throw new NotFound(what);
        }
        JsonNode data = VendorJson.read(json, body, "Zoho CRM").path("data");
        if (!data.isArray()) {
            throw new UnreadableUpstreamResponse("Zoho CRM answer without data", null);
        }
        if (data.isEmpty()) {
            throw new NotFound(what);
        }
        return customer(data.get(0));
    }

    private Customer customer(JsonNode contact) {
        if (!contact.path("id").isTextual()) {
            throw new UnreadableUpstreamResponse("Zoho CRM contact without id", null);
        }
        String id = contact.path("id").asText();
        String name = text(contact, "Full_Name");
        if (name == null) {
            String joined = String.join(" ", orEmpty(text(contact, "First_Name")), orEmpty(text(contact, "Last_Name")))
                    .trim();
            name = joined.isEmpty() ? null : joined;
        }
        String phone = text(contact, "Phone");
        return new Customer(id, name, text(contact, "Email"), phone != null ? phone : text(contact, "Mobile"), null,
                null, contactUrl.isBlank() ? null : contactUrl + id, instant(text(contact, "Modified_Time")));
    }

    private static String recordId(String id) {
        if (id == null || !id.matches("\\d{1,30}")) {
            throw new NotFound("Customer " + id);
        }
        return id;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
