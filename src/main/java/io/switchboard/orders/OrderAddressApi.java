package io.switchboard.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.errors.InvalidRequest;
import io.switchboard.model.ShippingAddress;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The address change endpoint's input: the body {@code {firstName, lastName, company?, address1, address2?, city,
 * province?, postalCode, countryCode, phone?}} as a {@link ShippingAddress}, each field bounded. A refusal names the
 * field and never repeats its value.
 */
@Component("orderAddressApi")
public class OrderAddressApi {

    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final int MAX = 200;

    private final ObjectMapper json;

    public OrderAddressApi(ObjectMapper json) {
        this.json = json;
    }

    public ShippingAddress parse(String body) {
        JsonNode address;
        try {
            address = json.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new InvalidRequest("The body is not JSON");
        }
        if (address == null || !address.isObject()) {
            throw new InvalidRequest("The body must be a JSON object");
        }
        String country = required(address, "countryCode");
        if (!COUNTRY.matcher(country).matches()) {
            throw new InvalidRequest("countryCode", "must be an ISO 3166-1 alpha-2 code");
        }
        return new ShippingAddress(required(address, "firstName"), required(address, "lastName"),
                optional(address, "company"), required(address, "address1"), optional(address, "address2"),
                required(address, "city"), optional(address, "province"), required(address, "postalCode"),
                country.toUpperCase(Locale.ROOT), optional(address, "phone"));
    }

    private static String required(JsonNode address, String field) {
        String value = optional(address, field);
        if (value == null) {
            throw new InvalidRequest(field, "required");
        }
        return value;
    }

    private static String optional(JsonNode address, String field) {
        JsonNode value = address.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().length() > MAX || value.asText().chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequest(field, "must be text of at most " + MAX + " characters, on one line");
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }
}
