package io.switchboard.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The salesforce component as the hub builds it: it starts without credentials, and logs in only when used. */
class SalesforceBeansTest {

    @Test
    void startsWithoutCredentialsAndWithoutLoggingIn() throws Exception {
        // nothing listens on this port: a login at start would fail the start
        SalesforceComponent component = SalesforceBeans.component(new SalesforceProperties("http://127.0.0.1:9", "",
                "", "", "", "", "", "", "", "PKCS12", "", "65.0", 1000, "", "", ""));
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addComponent("salesforce", component);
            camel.start();
            camel.getEndpoint("salesforce:query?rawPayload=true");

            assertThat(component.isStarted()).isTrue();
            assertThat(component.getLoginConfig().isLazyLogin()).isTrue();
            assertThat(component.getSession().getAccessToken()).isNull();
        }
    }

    @Test
    void theFlowIsNamedOrChosenFromTheCredentials() {
        assertThat(SalesforceBeans.authenticationType("client-credentials")).isEqualTo(AuthenticationType.CLIENT_CREDENTIALS);
        assertThat(SalesforceBeans.authenticationType("JWT")).isEqualTo(AuthenticationType.JWT);
        assertThat(SalesforceBeans.authenticationType("refresh-token")).isEqualTo(AuthenticationType.REFRESH_TOKEN);
        assertThat(SalesforceBeans.authenticationType("")).isNull();
        SalesforceComponent component = SalesforceBeans.component(new SalesforceProperties("https://login.salesforce.com",
                "", "", "id", "secret", "", "", "", "", "PKCS12", "", "65.0", 3000, "", "", ""));
        assertThat(component.getAuthenticationType()).isNull();
        assertThat(component.getClientSecret()).isEqualTo("secret");
        assertThat(component.getInstanceUrl()).isNull();
        assertThat(component.getLoginUrl()).isEqualTo("https://login.salesforce.com");
        assertThat(SalesforceBeans.component(new SalesforceProperties("", "", "", "", "", "", "", "", "", "PKCS12", "",
                "65.0", 3000, "", "", "")).getLoginUrl()).isEqualTo("https://login.salesforce.com");
        assertThat(SalesforceBeans.component(new SalesforceProperties("https://acme.my.salesforce.com/", "", "", "", "",
                "", "", "", "", "PKCS12", "", "65.0", 3000, "", "", "")).getLoginUrl()).isEqualTo("https://acme.my.salesforce.com");
    }
}
