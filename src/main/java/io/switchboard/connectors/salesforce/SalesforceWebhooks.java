package io.switchboard.connectors.salesforce;

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
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Salesforce Change Data Capture events on Contact ({@code /data/ContactChangeEvent}), as a relay posts them: the
 * Streaming API's message ({@code channel}, {@code data.payload} with its {@code ChangeEventHeader}, {@code
 * data.event.replayId}). An {@code UPDATE} becomes one {@code customer.updated} per record id, with the header's
 * {@code changedFields} and {@code commitTimestamp} (milliseconds). The Contact id is the customer's id
 * (switchboard.crm.provider=salesforce).
 */
@Component("salesforceWebhooks")
public class SalesforceWebhooks implements WebhookMapper {

    /** Contact fields in the hub's terms; a field not listed is named as Salesforce names it. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("email", "email"), Map.entry("phone", "phone"), Map.entry("mobilephone", "phone"),
            Map.entry("firstname", "name"), Map.entry("lastname", "name"), Map.entry("name", "name"),
            Map.entry("mailingstreet", "address"), Map.entry("mailingcity", "address"),
            Map.entry("mailingpostalcode", "address"), Map.entry("mailingstate", "address"),
            Map.entry("mailingcountry", "address"), Map.entry("mailingaddress", "address"));
    /** System fields every change carries; not a change of the customer's data. */
    private static final List<String> SYSTEM = List.of("LastModifiedDate", "LastModifiedById", "SystemModstamp");

    private static final Map<String, String> VALUE_FIELDS = Map.of("email", "email", "phone", "phone",
            "mobilephone", "phone.mobile", "firstname", "name.first", "lastname", "name.last");
    private static final Map<String, String> ADDRESS_PARTS = Map.of("postalcode", "zip");

    @Override
    public CanonicalEvent normalize(CanonicalEvent received) {
        JsonNode header = header(received.payload());
        String type = received.payload().path("channel").asText(received.type());
        Instant time = header.path("commitTimestamp").isIntegralNumber()
                ? Instant.ofEpochMilli(header.path("commitTimestamp").asLong()) : received.occurredAt();
        JsonNode records = header.path("recordIds");
        Map<String, String> subjects = "Contact".equals(header.path("entityName").asText()) && records.size() > 0
                ? Map.of("customer", records.get(0).asText()) : Map.of();
        return received.read(type, time, subjects);
    }

    @Override
    public List<DomainEvent> domainEvents(CanonicalEvent event) {
        JsonNode header = header(event.payload());
        if (!"Contact".equals(header.path("entityName").asText()) || !"UPDATE".equals(header.path("changeType").asText())) {
            return List.of();
        }
        List<String> vendorFields = new ArrayList<>();
        header.path("changedFields").forEach(field -> {
            if (!SYSTEM.contains(field.asText())) {
                vendorFields.add(field.asText());
            }
        });
        List<String> fields = vendorFields.stream()
                .map(field -> FIELDS.getOrDefault(field.toLowerCase(Locale.ROOT).split("\\.")[0], field)).toList();
        List<DomainEvent> announced = new ArrayList<>();
        header.path("recordIds").forEach(record -> announced.add(VendorEvents.customer(event, record.asText(), fields,
                vendorFields, event.occurredAt())));
        return announced;
    }

    /**
     * The new values of an updated Contact, in the hub's field names (the conflict rules' {@code customer} fields):
     * each changed field's value from the payload ({@code MailingAddress.City} from its compound field), null for a
     * field in {@code nulledFields}, at the change's commit time.
     */
    public List<CustomerChange> customerChanges(CanonicalEvent event) {
        JsonNode payload = event.payload().path("data").path("payload");
        JsonNode header = payload.path("ChangeEventHeader");
        if (!"Contact".equals(header.path("entityName").asText())
                || !"UPDATE".equals(header.path("changeType").asText())) {
            return List.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        header.path("changedFields").forEach(field -> value(payload, field.asText())
                .ifPresent(value -> values.put(valueField(field.asText()), value.isNull() ? null : value.asText())));
        header.path("nulledFields").forEach(field -> values.put(valueField(field.asText()), null));
        List<CustomerChange> changes = new ArrayList<>();
        if (!values.isEmpty()) {
            header.path("recordIds").forEach(record -> changes.add(new CustomerChange(record.asText(), values,
                    event.occurredAt())));
        }
        return changes;
    }

    private static Optional<JsonNode> value(JsonNode payload, String field) {
        if (SYSTEM.contains(field)) {
            return Optional.empty();
        }
        JsonNode value = payload.at("/" + field.replace(".", "/"));
        return value.isValueNode() ? Optional.of(value) : Optional.empty();
    }

    /** A Contact field as the hub names it: {@code MailingAddress.City} is {@code address.city}. */
    private static String valueField(String field) {
        String lower = field.toLowerCase(Locale.ROOT);
        return VALUE_FIELDS.getOrDefault(lower, lower.startsWith("mailingaddress.")
                ? "address." + ADDRESS_PARTS.getOrDefault(lower.substring(15), lower.substring(15)) : lower);
    }

    private static JsonNode header(JsonNode message) {
        return message.path("data").path("payload").path("ChangeEventHeader");
    }
}
