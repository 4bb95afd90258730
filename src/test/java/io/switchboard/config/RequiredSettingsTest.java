package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.SwitchboardApplication;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class RequiredSettingsTest {

    @Test
    void prodRefusesToStartWithoutItsSettingsAndNamesThem() {
        SpringApplicationBuilder prod = new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("prod");

        assertThatThrownBy(() -> prod.run("--spring.artemis.broker-url=tcp://broker:61616",
                "--switchboard.vendors.shopify.base-url=https://example.myshopify.com"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.datasource.url (environment variable SPRING_DATASOURCE_URL)")
                .hasMessageContaining("one of switchboard.security.jwt.secret (environment variable SWITCHBOARD_SECURITY_JWT_SECRET) "
                        + "or switchboard.security.jwt.public-key (environment variable SWITCHBOARD_SECURITY_JWT_PUBLICKEY)")
                .hasMessageContaining("SWITCHBOARD_VENDORS_SHOPIFY_ACCESSTOKEN")
                .hasMessageContaining("switchboard.privacy.encryption-key (environment variable SWITCHBOARD_PRIVACY_ENCRYPTIONKEY)")
                .hasMessageNotContaining("SPRING_ARTEMIS_BROKERURL")
                .hasMessageNotContaining("SWITCHBOARD_VENDORS_SHOPIFY_BASEURL");
    }

    @Test
    void prodOnWooCommerceAsksForTheShopAndItsRestApiKey() {
        SpringApplicationBuilder prod = new SpringApplicationBuilder(SwitchboardApplication.class)
                .profiles("prod");

        assertThatThrownBy(() -> prod.run("--switchboard.orders.provider=woocommerce"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("switchboard.vendors.woocommerce.base-url (environment variable SWITCHBOARD_VENDORS_WOOCOMMERCE_BASEURL)")
                .hasMessageContaining("SWITCHBOARD_VENDORS_WOOCOMMERCE_CONSUMERKEY")
                .hasMessageContaining("SWITCHBOARD_VENDORS_WOOCOMMERCE_CONSUMERSECRET")
                .hasMessageNotContaining("SWITCHBOARD_VENDORS_SHOPIFY_BASEURL")
                .hasMessageNotContaining("SWITCHBOARD_VENDORS_SHOPIFY_ACCESSTOKEN");
    }

    @Test
    void prodOnZohoCrmAsksForItsOAuthClientAndNotHubSpotsToken() {
        assertThatThrownBy(() -> prod().run("--switchboard.crm.provider=zoho"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("switchboard.vendors.zoho.base-url (environment variable SWITCHBOARD_VENDORS_ZOHO_BASEURL)")
                .hasMessageContaining("switchboard.vendors.zoho.client-id (environment variable SWITCHBOARD_VENDORS_ZOHO_CLIENTID)")
                .hasMessageContaining("SWITCHBOARD_VENDORS_ZOHO_CLIENTSECRET")
                .hasMessageContaining("SWITCHBOARD_VENDORS_ZOHO_REFRESHTOKEN")
                .hasMessageNotContaining("HUBSPOT");
        assertThatThrownBy(() -> prod().run("--switchboard.crm.provider=zoho",
                "--switchboard.vendors.zoho.base-url=https://www.zohoapis.eu", "--switchboard.vendors.zoho.client-id=1000.X",
                "--switchboard.vendors.zoho.client-secret=s", "--switchboard.vendors.zoho.refresh-token=r"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("ZOHO");
    }

    @Test
    void theKnowledgeBaseIsAVendorSelectedToo() {
        assertThatThrownBy(() -> prod().run("--switchboard.kb.provider=notion"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("switchboard.vendors.notion.base-url (environment variable SWITCHBOARD_VENDORS_NOTION_BASEURL)")
                .hasMessageContaining("switchboard.vendors.notion.token (environment variable SWITCHBOARD_VENDORS_NOTION_TOKEN)");
        // Zendesk Guide, the default, runs on the Zendesk account: its API token or OAuth client
        assertThatThrownBy(() -> prod().run("--switchboard.helpdesk.provider=jira"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SWITCHBOARD_VENDORS_JIRA_SERVICEDESKID")
                .hasMessageContaining("one of switchboard.vendors.zendesk.email (environment variable SWITCHBOARD_VENDORS_ZENDESK_EMAIL) "
                        + "or switchboard.vendors.zendesk.oauth.token-url (environment variable SWITCHBOARD_VENDORS_ZENDESK_OAUTH_TOKENURL)");
    }

    @Test
    void aVendorsOwnBlockSaysWhatItNeedsOnceAnyProviderSettingSelectsIt() {
        StandardEnvironment environment = environment(Map.of(
                "switchboard.required-vendor-settings", "true",
                "switchboard.billing.provider", "acme",
                "switchboard.vendors.acme.required", "base-url, api-key | client-id",
                "switchboard.vendors.acme.products", "acme-ledger",
                "switchboard.kb.provider", "acme-ledger",
                "switchboard.sync.catalog.sources", "globex",
                "switchboard.vendors.other.required", "secret"));

        assertThat(RequiredSettings.required(environment)).containsExactly(
                List.of("switchboard.vendors.acme.base-url"),
                List.of("switchboard.vendors.acme.api-key", "switchboard.vendors.acme.client-id"),
                List.of("switchboard.vendors.globex.base-url"));
    }

    @Test
    void vendorsAreRequiredOnlyWhereTheProfileAsksForThem() {
        StandardEnvironment environment = environment(Map.of(
                "switchboard.orders.provider", "acme",
                "switchboard.vendors.acme.required", "base-url"));

        assertThat(RequiredSettings.required(environment)).isEmpty();
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    @Test
    void prodNeedsAnSmtpServerOnlyWhileNotificationsAreOn() {
        assertThatThrownBy(() -> prod().run())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("NOTIFICATIONS");
        assertThatThrownBy(() -> prod().run("--switchboard.notifications.enabled=true"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("switchboard.notifications.mail.host (environment variable SWITCHBOARD_NOTIFICATIONS_MAIL_HOST)")
                .hasMessageContaining("SWITCHBOARD_NOTIFICATIONS_MAIL_FROM");
        assertThatThrownBy(() -> prod().run("--switchboard.notifications.enabled=true",
                "--switchboard.notifications.mail.host=smtp.example.com", "--switchboard.notifications.mail.from=a@example.com"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("NOTIFICATIONS");
    }

    /** A builder runs once: each start needs its own. */
    private static SpringApplicationBuilder prod() {
        return new SpringApplicationBuilder(SwitchboardApplication.class).profiles("prod");
    }

    @Test
    void environmentVariableNamesFollowRelaxedBinding() {
        assertThat(RequiredSettings.environmentVariable("switchboard.webhooks.sources.github.secrets[0]"))
                .isEqualTo("SWITCHBOARD_WEBHOOKS_SOURCES_GITHUB_SECRETS_0_");
        assertThat(RequiredSettings.environmentVariable("spring.artemis.broker-url"))
                .isEqualTo("SPRING_ARTEMIS_BROKERURL");
    }
}
