package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.SwitchboardApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

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
                .hasMessageNotContaining("SWITCHBOARD_VENDORS_SHOPIFY_BASEURL");
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
