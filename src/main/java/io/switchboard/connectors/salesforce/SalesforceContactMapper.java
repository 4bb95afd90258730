package io.switchboard.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.connectors.VendorJson;
import io.switchboard.errors.NotFound;
import io.switchboard.model.Customer;
import io.switchboard.resilience.UnreadableUpstreamResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/**
 * A Salesforce Contact (REST API: the sObject resource, or a SOQL query's records) to the canonical
 * {@link Customer}. Pure: the org's instance URL is given, for the record's link in Lightning.
 */
@Component("salesforceContactMapper")
public class SalesforceContactMapper {

    /** Salesforce's dateTime in JSON: {@code 2026-11-20T16:50:06.000+0000}. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final ObjectMapper json;
    private final String tierField;
    private final String localeField;

    public SalesforceContactMapper(ObjectMapper json, SalesforceProperties properties) {
        this.json = json;
        this.tierField = properties.contactTierField().trim();
        this.localeField = properties.contactLocaleField().trim();
    }

    /** The Contact fields the mapping reads, for {@code ?fields=} and SOQL. */
    public String fields() {
        return "Id,Name,FirstName,LastName,Email,Phone,MobilePhone,LastModifiedDate"
                + (tierField.isEmpty() ? "" : "," + tierField)
                + (localeField.isEmpty() ? "" : "," + localeField);
    }

    /** A Contact by id: no body is Salesforce's 404 NOT_FOUND (camel-salesforce's notFoundBehaviour=NULL). */
    public Customer fromRecord(String contactJson, String instanceUrl, String id) {
        if (contactJson == null || contactJson.isBlank()) {
            throw new NotFound("Customer " + id);
        }
        return toCustomer(read(contactJson), instanceUrl);
    }

    /** The first Contact of a SOQL answer ({@code totalSize}, {@code done}, {@code records}), or not found. */
    public Customer fromQuery(String queryJson, String instanceUrl) {
        JsonNode answer = read(queryJson);
        if (!answer.path("records").isArray()) {
            throw new UnreadableUpstreamResponse("Salesforce query answer without records", null);
        }
        if (answer.path("records").isEmpty()) {
            throw new NotFound("Customer");
        }
        return toCustomer(answer.path("records").get(0), instanceUrl);
    }

    Customer toCustomer(JsonNode contact, String instanceUrl) {
        String id = text(contact, "Id");
        if (id == null) {
            throw new UnreadableUpstreamResponse("Salesforce Contact without an Id", null);
        }
        String name = text(contact, "Name");
        if (name == null) {
            String joined = String.join(" ", orEmpty(text(contact, "FirstName")), orEmpty(text(contact, "LastName"))).trim();
            name = joined.isEmpty() ? null : joined;
        }
        String phone = text(contact, "Phone");
        return new Customer(
                id,
                name,
                text(contact, "Email"),
                phone != null ? phone : text(contact, "MobilePhone"),
                tierField.isEmpty() ? null : text(contact, tierField),
                localeField.isEmpty() ? null : text(contact, localeField),
                instanceUrl == null ? null : instanceUrl + "/lightning/r/Contact/" + id + "/view",
                instant(text(contact, "LastModifiedDate")));
    }

    private JsonNode read(String body) {
        return VendorJson.readObject(json, body, "Salesforce");
    }

    private static String text(JsonNode record, String field) {
        JsonNode value = record.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, DATE_TIME).toInstant();
        } catch (DateTimeParseException notSalesforces) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
