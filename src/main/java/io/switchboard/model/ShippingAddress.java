package io.switchboard.model;

/**
 * A shipping address a customer gives for their order (POST /api/v1/orders/{orderNumber}/address). It is personal
 * data that the hub passes on and never shows: its {@link #toString()} names no field, so that no log line, error or
 * exchange dump can carry it.
 *
 * @param countryCode ISO 3166-1 alpha-2 ({@code US}, {@code DE})
 * @param province    the state or province code, where the country has them ({@code KY})
 */
public record ShippingAddress(String firstName, String lastName, String company, String address1, String address2,
                              String city, String province, String postalCode, String countryCode, String phone) {

    @Override
    public String toString() {
        return "ShippingAddress[redacted]";
    }
}
