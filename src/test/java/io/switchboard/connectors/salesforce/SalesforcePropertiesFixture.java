package io.switchboard.connectors.salesforce;

/** Salesforce settings for unit tests: the defaults, with the org's optional fields as given. */
final class SalesforcePropertiesFixture {

    private SalesforcePropertiesFixture() {
    }

    static SalesforceProperties with(String tierField, String localeField, String taskExternalIdField) {
        return new SalesforceProperties("https://login.salesforce.com", "", "", "", "", "", "", "", "", "PKCS12", "",
                "65.0", 3000, tierField, localeField, taskExternalIdField);
    }
}
