package io.switchboard.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.HubTest;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** With another CRM (the hub's default, HubSpot), Salesforce is left alone: its component is not even started. */
@HubTest
class SalesforceIdleTest {

    @Autowired
    CamelContext camel;

    @Test
    void theSalesforceComponentIsNeitherStartedNorLoggedIn() {
        assertThat(camel.getPropertiesComponent().resolveProperty("switchboard.crm.provider")).hasValue("hubspot");
        assertThat(camel.hasComponent("salesforce")).isNull();
    }
}
