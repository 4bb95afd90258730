package io.switchboard.connectors.shopify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.model.Order;
import io.switchboard.model.ShippingAddress;
import org.springframework.stereotype.Component;

/**
 * The body of Shopify's order update that changes the shipping address (Admin REST API, {@code PUT
 * /orders/{id}.json}): {@code {"order": {"id", "shipping_address": {first_name, last_name, company, address1,
 * address2, city, province_code, zip, country_code, phone}}}}, absent fields left out.
 */
@Component("shopifyAddressUpdate")
public class ShopifyAddressUpdate {

    private final ObjectMapper json;

    public ShopifyAddressUpdate(ObjectMapper json) {
        this.json = json;
    }

    public String body(Order order, ShippingAddress address) {
        ObjectNode shipping = json.createObjectNode();
        put(shipping, "first_name", address.firstName());
        put(shipping, "last_name", address.lastName());
        put(shipping, "company", address.company());
        put(shipping, "address1", address.address1());
        put(shipping, "address2", address.address2());
        put(shipping, "city", address.city());
        put(shipping, "province_code", address.province());
        put(shipping, "zip", address.postalCode());
        put(shipping, "country_code", address.countryCode());
        put(shipping, "phone", address.phone());
        ObjectNode update = json.createObjectNode();
        update.putObject("order").put("id", Long.parseLong(order.vendorId())).set("shipping_address", shipping);
        return update.toString();
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
