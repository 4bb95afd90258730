package io.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alert rules and the Alertmanager example, checked and unit-tested by the real tools: promtool (Debian's
 * {@code prometheus}) parses the rules and runs {@code ops/prometheus/alerts.test.yaml}, where every alert has series
 * that fire it and series that must leave it silent; amtool (Debian's {@code prometheus-alertmanager}) checks the
 * Alertmanager configuration and where alerts are routed.
 */
class PrometheusRulesTest {

    private static final Path PROMETHEUS = Path.of("ops/prometheus").toAbsolutePath();
    private static final Path ALERTMANAGER = Path.of("ops/alertmanager/alertmanager.yml").toAbsolutePath();

    @Test
    void promtoolAcceptsTheRules() {
        ExternalTools.Result result = ExternalTools.run(PROMETHEUS, 120,
                ExternalTools.debianCommand("promtool", "prometheus"), "check", "rules", "alerts.yaml");

        assertThat(result.ok()).as(result.output()).isTrue();
    }

    @Test
    void promtoolAcceptsThePrometheusConfiguration() {
        ExternalTools.Result result = ExternalTools.run(PROMETHEUS, 120,
                ExternalTools.debianCommand("promtool", "prometheus"), "check", "config", "prometheus.yml");

        assertThat(result.ok()).as(result.output()).isTrue();
    }

    @Test
    void everyAlertFiresOnItsSeriesAndStaysSilentOnTheOthers() {
        ExternalTools.Result result = ExternalTools.run(PROMETHEUS, 300,
                ExternalTools.debianCommand("promtool", "prometheus"), "test", "rules", "alerts.test.yaml");

        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void everyAlertHasARuleTest() throws Exception {
        String rules = Files.readString(PROMETHEUS.resolve("alerts.yaml"));
        String tests = Files.readString(PROMETHEUS.resolve("alerts.test.yaml"));
        Matcher alert = Pattern.compile("- alert: (\\w+)").matcher(rules);
        int alerts = 0;
        while (alert.find()) {
            alerts++;
            assertThat(tests).as("a test of " + alert.group(1)).contains("alertname: " + alert.group(1));
        }
        assertThat(alerts).isGreaterThanOrEqualTo(8);
    }

    @Test
    void alertmanagerAcceptsTheExampleAndPagesOnlyCriticalAlerts() {
        String amtool = ExternalTools.debianCommand("amtool", "prometheus-alertmanager");
        ExternalTools.Result check = ExternalTools.run(PROMETHEUS, 120, amtool, "check-config", ALERTMANAGER.toString());
        assertThat(check.ok()).as(check.output()).isTrue();

        assertThat(route(amtool, "severity=critical", "integration=shopify", "alertname=SwitchboardIntegrationFailing"))
                .isEqualTo("pager");
        assertThat(route(amtool, "severity=warning", "integration=shopify", "alertname=SwitchboardCircuitOpen"))
                .isEqualTo("tickets");
    }

    private static String route(String amtool, String... labels) {
        List<String> command = new ArrayList<>(List.of(amtool, "config", "routes", "test",
                "--config.file=" + ALERTMANAGER));
        command.addAll(List.of(labels));
        ExternalTools.Result result = ExternalTools.run(PROMETHEUS, 60, command.toArray(String[]::new));
        assertThat(result.ok()).as(result.output()).isTrue();
        return result.output().lines().filter(line -> !line.startsWith("Warning")).findFirst().orElse("").trim();
    }
}
