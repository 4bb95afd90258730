package io.switchboard.connectors.woocommerce;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.errors.NotFound;
import io.switchboard.model.ShippingAddress;
import org.springframework.stereotype.Component;

/**
 * The body of WooCommerce's order update that changes the shipping address (REST API v3, {@code PUT /orders/<id>}):
 * {@code {"shipping": {first_name, last_name, company, address_1, address_2, city, state, postcode, country,
 * phone}}}. Every field is sent, absent ones empty, so that nothing of the old address stays.
 */
@Component("woocommerceAddressUpdate")
public class WooCommerceAddressUpdate {

    private final ObjectMapper json;

    public WooCommerceAddressUpdate(ObjectMapper json) {
        this.json = json;
    }

    public String body(ShippingAddress address) {
        ObjectNode update = json.createObjectNode();
        update.putObject("shipping")
                .put("first_name", text(address.firstName()))
                .put("last_name", text(address.lastName()))
                .put("company", text(address.company()))
                .put("address_1", text(address.address1()))
                .put("address_2", text(address.address2()))
                .put("city", text(address.city()))
                .put("state", text(address.province()))
                .put("postcode", text(address.postalCode()))
                .put("country", text(address.countryCode()))
                .put("phone", text(address.phone()));
        return update.toString();
    }

    /** The request route lets a 404 through as an answer: here it means the order is gone. */
    public void requireFound(Integer status, String orderNumber) {
        if (status != null && status == 404) {
            throw new NotFound("Order " + orderNumber);
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
