package io.switchboard.connectors.salesforce;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.SalesforceLoginConfig;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The camel-salesforce component ({@code salesforce:}) the Salesforce adapter sends through, built from
 * {@code switchboard.vendors.salesforce.*} (its breaker and budget come from its settings block, as every vendor's). The component logs in lazily, on its first call: a hub whose
 * CRM is not Salesforce never logs in and needs no Salesforce credentials (the routes reach the component through
 * {@code toD} only, so it is not even started there). It renews an expired session itself: on a 401 it logs in
 * again, once, and repeats the call.
 */
@Configuration(proxyBeanMethods = false)
public class SalesforceBeans {

    /** Found by Camel as the {@code salesforce} component (the starter's own customizer is switched off). */
    @Bean("salesforce")
    SalesforceComponent salesforceComponent(SalesforceProperties properties) {
        return component(properties);
    }

    /**
     * With Salesforce as the CRM, the component starts with the hub (its HTTP client, its class scans), so that the
     * first customer's call is not the one that pays for it; it still logs in only on that first call.
     */
    @Bean
    @ConditionalOnProperty(name = "switchboard.crm.provider", havingValue = "salesforce")
    CamelContextConfiguration salesforceStartsWithTheHub() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                // nothing before: the component is started once Camel is
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                camel.getComponent("salesforce");
            }
        };
    }

    static SalesforceComponent component(SalesforceProperties properties) {
        SalesforceComponent component = new SalesforceComponent();
        component.setAutowiredEnabled(false);
        component.setLazyLogin(true);
        component.setLoginUrl(loginUrl(properties));
        component.setInstanceUrl(blankToNull(properties.instanceUrl()));
        component.setAuthenticationType(authenticationType(properties.auth()));
        component.setClientId(blankToNull(properties.clientId()));
        component.setClientSecret(blankToNull(properties.clientSecret()));
        component.setRefreshToken(blankToNull(properties.refreshToken()));
        component.setUserName(blankToNull(properties.username()));
        component.setJwtAudience(blankToNull(properties.jwtAudience()));
        if (!properties.keystore().isBlank()) {
            KeyStoreParameters keystore = new KeyStoreParameters();
            keystore.setResource(properties.keystore().contains(":") ? properties.keystore() : "file:" + properties.keystore());
            keystore.setPassword(properties.keystorePassword());
            keystore.setType(properties.keystoreType());
            component.setKeystore(keystore);
        }
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion(properties.apiVersion());
        config.setRawPayload(true);
        component.setConfig(config);
        // the Jetty client's own bounds, a backstop just past the call's timeout: the breaker's timeout decides (504
        // upstream_timeout), not a race with the client's own, whose failure says less. One re-login on a 401.
        component.setHttpRequestTimeout(properties.timeoutMillis() + 500);
        component.setHttpClientConnectionTimeout(Math.min(2_000, properties.timeoutMillis()));
        Map<String, Object> client = new HashMap<>();
        client.put("maxRetries", 1);
        component.setHttpClientProperties(client);
        component.setWorkerPoolSize(2);
        // no generated sObject classes: the adapters read raw JSON (an empty package also spares the startup warning)
        component.setPackages(SalesforceBeans.class.getPackageName());
        return component;
    }

    /** Where the token endpoint is: the base URL, by default Salesforce's own login host. */
    static String loginUrl(SalesforceProperties properties) {
        String url = properties.baseUrl() == null || properties.baseUrl().isBlank()
                ? SalesforceLoginConfig.DEFAULT_LOGIN_URL : properties.baseUrl().trim();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** {@code client-credentials}, {@code jwt} or {@code refresh-token}; blank lets camel-salesforce choose. */
    static AuthenticationType authenticationType(String auth) {
        return switch (auth == null ? "" : auth.trim().toLowerCase(Locale.ROOT)) {
            case "" -> null;
            case "client-credentials" -> AuthenticationType.CLIENT_CREDENTIALS;
            case "jwt" -> AuthenticationType.JWT;
            case "refresh-token" -> AuthenticationType.REFRESH_TOKEN;
            default -> throw new IllegalArgumentException(
                    "switchboard.vendors.salesforce.auth must be client-credentials, jwt or refresh-token");
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
