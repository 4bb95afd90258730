package io.switchboard.orders;

/** The new address the address change tests send: values found nowhere else, so that any line carrying one is caught. */
public final class OrderAddressChangeTestAddress {

    public static final String STREET = "Quokkastraat 4242";
    public static final String CITY = "Wombatville";
    public static final String POSTCODE = "Q9-8877";
    public static final String BODY = "{\"firstName\":\"Bob\",\"lastName\":\"Norman\",\"address1\":\"" + STREET
            + "\",\"city\":\"" + CITY + "\",\"province\":\"KY\",\"postalCode\":\"" + POSTCODE
            + "\",\"countryCode\":\"us\",\"phone\":\"555-625-1199\"}";

    private OrderAddressChangeTestAddress() {
    }
}
