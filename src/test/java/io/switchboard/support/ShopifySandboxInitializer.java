package io.switchboard.support;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points the hub's Shopify adapter at the test JVM's {@link ShopifySandbox}. */
public class ShopifySandboxInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("shopify-sandbox",
                Map.of("switchboard.vendors.shopify.base-url", ShopifySandbox.baseUrl())));
    }
}
