package io.switchboard.support;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points the hub's vendor adapters at the test JVM's {@link Sandboxes}. */
public class SandboxInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> urls = new HashMap<>();
        for (String vendor : Sandboxes.VENDORS) {
            urls.put("switchboard.vendors." + vendor + ".base-url", Sandboxes.baseUrl(vendor));
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("vendor-sandboxes", urls));
    }
}
