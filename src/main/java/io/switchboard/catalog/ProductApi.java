package io.switchboard.catalog;

import io.switchboard.errors.InvalidRequest;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** The product endpoint's check: a well-formed SKU. */
@Component("productApi")
public class ProductApi {

    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public String sku(String raw) {
        if (raw == null || !SKU.matcher(raw).matches()) {
            throw new InvalidRequest("sku", "1 to 64 letters, digits or ._-");
        }
        return raw;
    }
}
