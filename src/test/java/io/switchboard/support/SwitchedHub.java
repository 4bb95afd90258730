package io.switchboard.support;

import io.switchboard.SwitchboardApplication;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hub of its own for a test class that needs settings {@link HubTest}'s shared one does not have (another
 * provider, the KB warm-up on): the same profiles and {@link Sandboxes}, its data under {@code data}, a random port.
 * Vendor timeouts (each call of a ticket's creation too) are 3 s rather than the production 2 s and less: a fresh
 * hub's first calls also load what the later ones reuse, and the tests' slow vendors take 5 s.
 */
public final class SwitchedHub {

    private SwitchedHub() {
    }

    /** Starts a hub with these settings on top ({@code "switchboard.kb.provider=confluence"}). */
    public static ConfigurableApplicationContext start(Path data, String... settings) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("switchboard.local.postgres.data-directory", data.resolve("postgres").toString());
        properties.put("spring.artemis.embedded.data-directory", data.resolve("artemis").toString());
        for (String vendor : Sandboxes.VENDORS) {
            properties.put("switchboard.vendors." + vendor + ".base-url", Sandboxes.baseUrl(vendor));
            properties.put("switchboard.vendors." + vendor + ".timeout-millis", "3000");
        }
        for (String call : new String[] {"lookup", "create", "label"}) {
            properties.put("switchboard.helpdesk.ticket-create." + call + "-timeout-millis", "3000");
        }
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            properties.put(setting.substring(0, equals), setting.substring(equals + 1));
        }
        return new SpringApplicationBuilder(SwitchboardApplication.class).profiles("local", "test")
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext hub) {
        return Integer.parseInt(hub.getEnvironment().getProperty("local.server.port"));
    }
}
