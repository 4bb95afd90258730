package io.switchboard.support;

import io.switchboard.SwitchboardApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A hub of its own for a test class that needs settings {@link HubTest}'s shared one does not have (another
 * provider, the KB warm-up on): the same profiles and {@link Sandboxes}, its data under {@code data}, a random port.
 */
public final class SwitchedHub {

    private SwitchedHub() {
    }

    /** Starts a hub with these settings on top ({@code "switchboard.kb.provider=confluence"}). */
    public static ConfigurableApplicationContext start(Path data, String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0",
                "--switchboard.local.postgres.data-directory=" + data.resolve("postgres"),
                "--spring.artemis.embedded.data-directory=" + data.resolve("artemis")));
        for (String vendor : Sandboxes.VENDORS) {
            args.add("--switchboard.vendors." + vendor + ".base-url=" + Sandboxes.baseUrl(vendor));
        }
        for (String setting : settings) {
            args.add("--" + setting);
        }
        return new SpringApplicationBuilder(SwitchboardApplication.class).profiles("local", "test")
                .run(args.toArray(String[]::new));
    }

    public static int port(ConfigurableApplicationContext hub) {
        return Integer.parseInt(hub.getEnvironment().getProperty("local.server.port"));
    }
}
