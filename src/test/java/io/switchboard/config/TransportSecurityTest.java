package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Production's refusals of plain HTTP, set as operators set them: by environment variable (relaxed binding, the
 * names the compose file and the k8s manifests use).
 */
class TransportSecurityTest {

    /** Vendors on https, HTTPS on: starts. (The required settings are RequiredSettingsTest's and SafeDefaultTest's.) */
    private final Map<String, Object> complete = new HashMap<>(Map.ofEntries(
            Map.entry("SWITCHBOARD_VENDORS_SHOPIFY_BASEURL", "https://shop.myshopify.com"),
            Map.entry("SWITCHBOARD_VENDORS_HUBSPOT_BASEURL", "https://api.hubapi.com"),
            Map.entry("SWITCHBOARD_VENDORS_ZENDESK_BASEURL", "https://acme.zendesk.com"),
            Map.entry("SERVER_SSL_ENABLED", "true"),
            Map.entry("SERVER_SSL_KEYSTORE", "/etc/switchboard/hub.p12"),
            Map.entry("SERVER_SSL_ENABLEDPROTOCOLS", "TLSv1.3,TLSv1.2")));

    @Test
    void productionWithHttpsAndHttpsVendorsStarts() {
        assertThatCode(() -> check("prod", complete)).doesNotThrowAnyException();
    }

    @Test
    void productionRefusesPlainHttpUnlessTlsEndsAtAProxy() {
        complete.remove("SERVER_SSL_ENABLED");

        assertThatThrownBy(() -> check("prod", complete)).isInstanceOf(SettingsException.class)
                .hasMessageContaining("server.ssl.enabled (environment variable SERVER_SSL_ENABLED)")
                .hasMessageContaining("switchboard.tls.terminated-at-proxy (environment variable "
                        + "SWITCHBOARD_TLS_TERMINATEDATPROXY)");

        complete.put("SWITCHBOARD_TLS_TERMINATEDATPROXY", "true");
        assertThatCode(() -> check("prod", complete)).doesNotThrowAnyException();
    }

    @Test
    void productionRefusesTlsOlderThan12() {
        complete.put("SERVER_SSL_ENABLEDPROTOCOLS", "TLSv1.3,TLSv1.2,TLSv1.1");

        assertThatThrownBy(() -> check("prod", complete))
                .hasMessageContaining("server.ssl.enabled-protocols (environment variable SERVER_SSL_ENABLEDPROTOCOLS) "
                        + "is [TLSv1.3, TLSv1.2, TLSv1.1]: production allows TLSv1.3 and TLSv1.2 only");
    }

    @Test
    void productionRefusesAVendorOverPlainHttpUnlessItIsDeclaredInternal() {
        complete.put("SWITCHBOARD_VENDORS_SHOPIFY_BASEURL", "http://shop.internal:8080");
        complete.put("SWITCHBOARD_VENDORS_SALESFORCE_INSTANCEURL", "http://sf.internal");

        assertThatThrownBy(() -> check("prod", complete)).isInstanceOf(SettingsException.class)
                .satisfies(e -> assertThat(((SettingsException) e).problems()).hasSize(2))
                .hasMessageContaining("switchboard.vendors.shopify.base-url (environment variable "
                        + "SWITCHBOARD_VENDORS_SHOPIFY_BASEURL) is not https")
                .hasMessageContaining("switchboard.vendors.shopify.allow-insecure-http (environment variable "
                        + "SWITCHBOARD_VENDORS_SHOPIFY_ALLOWINSECUREHTTP)")
                .hasMessageContaining("SWITCHBOARD_VENDORS_SALESFORCE_INSTANCEURL")
                .hasMessageNotContaining("HUBSPOT");

        complete.put("SWITCHBOARD_VENDORS_SHOPIFY_ALLOWINSECUREHTTP", "true");
        complete.put("SWITCHBOARD_VENDORS_SALESFORCE_ALLOWINSECUREHTTP", "true");
        assertThatCode(() -> check("prod", complete)).doesNotThrowAnyException();
    }

    @Test
    void theLocalRunIsNotProductionAndMayUsePlainHttp() {
        complete.remove("SERVER_SSL_ENABLED");
        complete.put("SWITCHBOARD_VENDORS_SHOPIFY_BASEURL", "http://127.0.0.1:8091");

        assertThatCode(() -> check("local", complete)).doesNotThrowAnyException();
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        complete.remove("SERVER_SSL_ENABLED");
        complete.put("SWITCHBOARD_VENDORS_ZENDESK_BASEURL", "http://zendesk");
        complete.put("SWITCHBOARD_VENDORS_HUBSPOT_BASEURL", "ftp://hubspot");

        assertThatThrownBy(() -> check("prod", complete))
                .satisfies(e -> assertThat(((SettingsException) e).problems()).hasSize(3));
    }

    private static void check(String profile, Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        ConfigurationPropertySources.attach(environment);   // as Spring Boot does: relaxed names everywhere
        environment.setActiveProfiles(profile);
        new StartupChecks().postProcessEnvironment(environment, new SpringApplication());
    }
}
