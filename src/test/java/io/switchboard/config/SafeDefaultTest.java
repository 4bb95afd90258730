package io.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.SwitchboardApplication;
import io.switchboard.support.ExternalTools;
import io.switchboard.support.JavaProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub started as an operator would start the packaged jar or the image with nothing set: no profile, no
 * settings, an empty environment. It must run as production, and so stop at once naming everything it needs,
 * never falling back to the local run's sandbox, its secrets or a demo token.
 */
class SafeDefaultTest {

    @TempDir
    Path workingDirectory;

    @Test
    void withNoProfileAndNoSettingsTheHubStopsNamingEachMissingSetting() throws Exception {
        ExternalTools.Result run = JavaProcess.run(workingDirectory, 120, Map.of(), List.of("-Xmx256m"),
                SwitchboardApplication.class);

        assertThat(run.exitCode()).as(run.output()).isNotZero().isNotEqualTo(-1);
        assertThat(run.output()).contains("APPLICATION FAILED TO START")
                .contains("SPRING_ARTEMIS_BROKERURL", "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
                        "SPRING_DATASOURCE_PASSWORD", "SWITCHBOARD_SECURITY_JWT_SECRET",
                        "SWITCHBOARD_SECURITY_JWT_PUBLICKEY", "SWITCHBOARD_SECURITY_JWT_JWKSURL",
                        "SWITCHBOARD_VENDORS_SHOPIFY_BASEURL", "SWITCHBOARD_VENDORS_SHOPIFY_ACCESSTOKEN",
                        "SWITCHBOARD_VENDORS_HUBSPOT_BASEURL", "SWITCHBOARD_VENDORS_HUBSPOT_ACCESSTOKEN",
                        "SWITCHBOARD_VENDORS_ZENDESK_BASEURL", "SWITCHBOARD_PRIVACY_ENCRYPTIONKEY",
                        "SERVER_SSL_ENABLED", "SWITCHBOARD_TLS_TERMINATEDATPROXY")
                .doesNotContain("Sandbox for", "Switchboard is ready", "Bearer ", "sandbox-not-a-secret",
                        "Tomcat started", "Started SwitchboardApplication");
        try (var left = Files.list(workingDirectory)) {
            assertThat(left).as("nothing embedded was started: no data/ for a broker or a database").isEmpty();
        }
    }
}
