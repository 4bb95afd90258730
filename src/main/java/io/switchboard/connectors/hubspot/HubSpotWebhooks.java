package io.switchboard.connectors.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.conflicts.CustomerChange;
import io.switchboard.events.CanonicalEvent;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.VendorEvents;
import io.switchboard.events.WebhookMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * HubSpot's webhook subscriptions (an array of up to 100 events per request, each with {@code subscriptionType},
 * {@code objectId}, {@code occurredAt} in milliseconds): {@code contact.propertyChange} events become one
 * {@code customer.updated} per contact of the batch, with every property the batch changed on it and the latest
 * {@code occurredAt}. The contact's id is the customer's id (switchboard.crm.provider=hubspot).
 */
@Component("hubSpotWebhooks")
public class HubSpotWebhooks implements WebhookMapper {

    static final String PROPERTY_CHANGE = "contact.propertyChange";
    /** HubSpot's contact properties in the hub's terms; a property not listed is named as HubSpot names it. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("email", "email"), Map.entry("phone", "phone"), Map.entry("mobilephone", "phone"),
            Map.entry("firstname", "name"), Map.entry("lastname", "name"), Map.entry("address", "address"),
            Map.entry("city", "address"), Map.entry("zip", "address"), Map.entry("state", "address"),
            Map.entry("country", "address"), Map.entry("hs_language", "locale"));

    /** HubSpot's contact properties as the hub's fields whose values the conflict rules decide. */
    private static final Map<String, String> VALUE_FIELDS = Map.ofEntries(
            Map.entry("email", "email"), Map.entry("phone", "phone"), Map.entry("mobilephone", "phone.mobile"),
            Map.entry("firstname", "name.first"), Map.entry("lastname", "name.last"),
            Map.entry("address", "address.street"), Map.entry("city", "address.city"),
            Map.entry("zip", "address.zip"), Map.entry("state", "address.state"),
            Map.entry("country", "address.country"), Map.entry("hs_language", "locale"));

    @Override
    public CanonicalEvent normalize(CanonicalEvent received) {
        List<String> types = new ArrayList<>();
        Instant latest = null;
        for (JsonNode event : received.payload()) {
            String type = event.path("subscriptionType").asText();
            if (!types.contains(type)) {
                types.add(type);
            }
            if (event.path("occurredAt").isIntegralNumber()) {
                Instant at = Instant.ofEpochMilli(event.path("occurredAt").asLong());
                latest = latest == null || at.isAfter(latest) ? at : latest;
            }
        }
        Map<String, String> subjects = new LinkedHashMap<>();
        changes(received.payload()).keySet().stream().findFirst().ifPresent(contact -> subjects.put("customer", contact));
        return received.read(types.isEmpty() ? received.type() : String.join(",", types),
                latest != null ? latest : received.occurredAt(), subjects);
    }

    @Override
    public List<DomainEvent> domainEvents(CanonicalEvent event) {
        List<DomainEvent> announced = new ArrayList<>();
        changes(event.payload()).forEach((contact, change) -> announced.add(VendorEvents.customer(event, contact,
                change.properties().stream().map(p -> FIELDS.getOrDefault(p.toLowerCase(Locale.ROOT), p)).toList(),
                change.properties(), change.at())));
        return announced;
    }

    /**
     * The batch's new values by contact, in the hub's field names (the conflict rules' {@code customer} fields),
     * each contact's at the latest {@code occurredAt} of its changes.
     */
    public List<CustomerChange> customerChanges(CanonicalEvent event) {
        Map<String, Map<String, String>> values = new LinkedHashMap<>();
        for (JsonNode change : event.payload()) {
            if (PROPERTY_CHANGE.equals(change.path("subscriptionType").asText())
                    && change.path("objectId").isValueNode() && change.path("propertyName").isTextual()) {
                String property = change.path("propertyName").asText().toLowerCase(Locale.ROOT);
                values.computeIfAbsent(change.path("objectId").asText(), id -> new LinkedHashMap<>())
                        .put(VALUE_FIELDS.getOrDefault(property, property),
                                change.path("propertyValue").isNull() ? null : change.path("propertyValue").asText());
            }
        }
        Map<String, Change> changes = changes(event.payload());
        return values.entrySet().stream()
                .map(contact -> new CustomerChange(contact.getKey(), contact.getValue(),
                        changes.get(contact.getKey()).at()))
                .toList();
    }

    /** The batch's property changes by contact, in the order HubSpot sent them. */
    private static Map<String, Change> changes(JsonNode batch) {
        Map<String, Change> byContact = new LinkedHashMap<>();
        for (JsonNode event : batch) {
            if (!PROPERTY_CHANGE.equals(event.path("subscriptionType").asText())
                    || !event.path("objectId").isValueNode() || !event.path("propertyName").isTextual()) {
                continue;
            }
            Instant at = Instant.ofEpochMilli(event.path("occurredAt").asLong());
            Change change = byContact.computeIfAbsent(event.path("objectId").asText(), id -> new Change(new ArrayList<>(), at));
            if (!change.properties().contains(event.path("propertyName").asText())) {
                change.properties().add(event.path("propertyName").asText());
            }
            byContact.put(event.path("objectId").asText(), new Change(change.properties(),
                    at.isAfter(change.at()) ? at : change.at()));
        }
        return byContact;
    }

    private record Change(List<String> properties, Instant at) {
    }
}
