package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml: valid by the Compose specification's own schema, and its hub service given every setting the
 * production profile refuses to start without (the list is the hub's own, not one kept here).
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml").toAbsolutePath();
    private static final Path ENV_EXAMPLE = Path.of(".env.example");
    private static final Pattern REFERENCE = Pattern.compile("^\\$\\{(\\w+)(?:(:?[-?])(.*))?}$");
    private static final Pattern ANY_REFERENCE = Pattern.compile("\\$\\{(\\w+)(:?[-?][^}]*)?}");

    @TempDir
    Path temp;

    @Test
    void composeFileIsValidByTheComposeSpecificationSchema() {
        ExternalTools.Result result = validate(COMPOSE);

        assertThat(result.ok()).as(result.output()).isTrue();
    }

    @Test
    void aMisspelledKeyOrAWrongTypeIsRejected() throws IOException {
        String compose = Files.readString(COMPOSE);
        assertThat(compose).contains("    stop_grace_period: 60s\n", "      retries: 30\n");

        Path misspelled = temp.resolve("misspelled.yml");
        Files.writeString(misspelled, compose.replace("    stop_grace_period: 60s\n", "    stop_grace_periode: 60s\n"));
        ExternalTools.Result rejected = validate(misspelled);
        assertThat(rejected.ok()).isFalse();
        assertThat(rejected.output()).contains("/services/hub", "stop_grace_periode");

        Path wrongType = temp.resolve("wrong-type.yml");
        Files.writeString(wrongType, compose.replace("      retries: 30\n", "      retries: thirty\n"));
        ExternalTools.Result alsoRejected = validate(wrongType);
        assertThat(alsoRejected.ok()).isFalse();
        assertThat(alsoRejected.output()).contains("healthcheck/retries");
    }

    @Test
    void hubServiceSetsEverySettingTheProductionProfileRequires() throws IOException {
        Map<String, String> environment = hubEnvironment();

        assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "prod");
        assertThat(missingRequired(environment)).isEmpty();
    }

    @Test
    void aRequiredVariableMissingFromTheHubServiceIsNamed() throws IOException {
        Map<String, String> environment = hubEnvironment();
        environment.remove("SPRING_DATASOURCE_PASSWORD");
        environment.remove("SWITCHBOARD_SECURITY_JWT_SECRET");
        environment.put("SWITCHBOARD_ORDERS_PROVIDER", "woocommerce");

        assertThat(missingRequired(environment)).containsExactlyInAnyOrder(
                "SPRING_DATASOURCE_PASSWORD",
                "SWITCHBOARD_SECURITY_JWT_SECRET or SWITCHBOARD_SECURITY_JWT_PUBLICKEY or SWITCHBOARD_SECURITY_JWT_JWKSURL",
                "SWITCHBOARD_VENDORS_WOOCOMMERCE_BASEURL", "SWITCHBOARD_VENDORS_WOOCOMMERCE_CONSUMERKEY",
                "SWITCHBOARD_VENDORS_WOOCOMMERCE_CONSUMERSECRET");
    }

    @Test
    void everyVariableComposeInsistsOnIsInTheEnvExampleAndItsSecretsAreEmpty() throws IOException {
        Map<String, String> example = envExample();
        Matcher references = ANY_REFERENCE.matcher(Files.readString(COMPOSE));
        List<String> required = new ArrayList<>();
        while (references.find()) {
            if (references.group(2) != null && references.group(2).contains("?")) {
                required.add(references.group(1));
            }
        }

        assertThat(required).isNotEmpty();
        assertThat(example).containsKeys(required.toArray(String[]::new));
        example.forEach((name, value) -> {
            if (name.matches(".*(PASSWORD|_SECRET|ENCRYPTIONKEY|ADMINKEY)$")) {
                assertThat(value).as("%s in .env.example must be left for the operator to fill", name).isEmpty();
            }
        });
    }

    @Test
    void theHubIsBuiltFromTheDockerfileAndTheSandboxServesTheVendorsTheHubIsPointedAt() throws IOException {
        Map<String, Object> services = services();
        Map<String, String> environment = hubEnvironment();

        assertThat(map(map(services.get("hub")).get("build")).get("dockerfile")).isEqualTo("Dockerfile");
        for (String vendor : List.of("shopify", "hubspot", "zendesk")) {
            Map<String, Object> sandbox = map(services.get("sandbox-" + vendor));
            assertThat(String.valueOf(sandbox.get("image"))).startsWith("wiremock/wiremock:");
            assertThat(list(sandbox.get("volumes"))).contains("./sandbox/" + vendor + ":/home/wiremock:ro");
            String variable = "SWITCHBOARD_VENDORS_" + vendor.toUpperCase() + "_BASEURL";
            assertThat(effectiveDefault(environment.get(variable))).isEqualTo("http://sandbox-" + vendor + ":8080");
            assertThat(effectiveDefault(environment.get("SWITCHBOARD_VENDORS_" + vendor.toUpperCase() + "_ALLOWINSECUREHTTP")))
                    .isEqualTo("true");
        }
        assertThat(environment).containsEntry("SWITCHBOARD_TLS_TERMINATEDATPROXY", "true");
        assertThat(String.valueOf(map(services.get("broker")).get("image"))).startsWith("apache/activemq-artemis:");
        assertThat(String.valueOf(map(services.get("postgres")).get("image"))).startsWith("postgres:");
    }

    @Test
    void kafkaIsAnOptionOfItsOwnProfileThatTheBusSettingPointsTheHubAt() throws IOException {
        Map<String, Object> kafka = map(services().get("kafka"));
        Map<String, String> broker = new LinkedHashMap<>();
        map(kafka.get("environment")).forEach((k, v) -> broker.put(k, String.valueOf(v)));
        Map<String, String> hub = hubEnvironment();

        assertThat(String.valueOf(kafka.get("image"))).startsWith("apache/kafka:");
        assertThat(list(kafka.get("profiles"))).as("not started unless asked for").containsExactly("kafka");
        assertThat(broker).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_LOG_DIRS", "/var/lib/kafka/data");
        assertThat(list(kafka.get("volumes"))).contains("kafka-data:/var/lib/kafka/data");
        assertThat(effectiveDefault(hub.get("SWITCHBOARD_EVENTS_BUS"))).as("Artemis unless .env says kafka")
                .isEqualTo("artemis");
        assertThat("PLAINTEXT://" + effectiveDefault(hub.get("SWITCHBOARD_EVENTS_KAFKA_BOOTSTRAPSERVERS")))
                .isEqualTo(broker.get("KAFKA_ADVERTISED_LISTENERS"));
        // a service of an inactive profile cannot be depended on
        assertThat(map(map(services().get("hub")).get("depends_on"))).doesNotContainKey("kafka");
    }

    @Test
    void prometheusConfigurationIsValidAndGrafanaReadsTheMountedDashboards() throws IOException {
        String promtool = ExternalTools.debianCommand("promtool", "prometheus");
        ExternalTools.Result check = ExternalTools.run(Path.of(".").toAbsolutePath(), 60,
                promtool, "check", "config", "ops/prometheus/prometheus.yml");
        assertThat(check.ok()).as(check.output()).isTrue();

        List<Object> grafanaVolumes = list(map(services().get("grafana")).get("volumes"));
        Map<String, Object> provider = map(list(yaml(Path.of("ops/grafana/provisioning/dashboards/switchboard.yaml"))
                .get("providers")).get(0));
        assertThat(grafanaVolumes).contains("./ops/grafana/dashboards:" + map(provider.get("options")).get("path") + ":ro");
        assertThat(list(map(services().get("prometheus")).get("volumes")))
                .contains("./ops/prometheus/alerts.yaml:/etc/prometheus/rules/alerts.yaml:ro");
    }

    private static ExternalTools.Result validate(Path compose) {
        return ExternalTools.node("ops/validate", "compose.mjs", compose.toString());
    }

    /** The required settings that the hub service's environment leaves unset, each as its alternatives. */
    private List<String> missingRequired(Map<String, String> environment) throws IOException {
        Map<String, String> example = envExample();
        Map<String, String> deployed = new LinkedHashMap<>();
        environment.forEach((name, value) -> deployed.put(name, effectiveDefault(value)));
        return ProductionSettings.requiredVariables(deployed).stream()
                .filter(alternatives -> alternatives.stream().noneMatch(name -> provided(environment.get(name), example)))
                .map(alternatives -> String.join(" or ", alternatives))
                .toList();
    }

    /** A literal, a reference with a non-empty default, or a reference compose insists on and .env.example lists. */
    private static boolean provided(String value, Map<String, String> envExample) {
        if (value == null || value.isBlank()) {
            return false;
        }
        Matcher reference = REFERENCE.matcher(value);
        if (!reference.matches()) {
            return true;
        }
        String operator = reference.group(2);
        if (operator != null && operator.contains("-")) {
            return !reference.group(3).isEmpty();
        }
        return operator != null && operator.contains("?") && envExample.containsKey(reference.group(1));
    }

    /** The value a compose value gives when .env does not set it: a literal, or a reference's default. */
    private static String effectiveDefault(String value) {
        if (value == null) {
            return null;
        }
        Matcher reference = REFERENCE.matcher(value);
        if (!reference.matches()) {
            return value;
        }
        return reference.group(2) != null && reference.group(2).contains("-") ? reference.group(3) : null;
    }

    private static Map<String, String> hubEnvironment() throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        map(map(services().get("hub")).get("environment")).forEach((k, v) -> environment.put(k, String.valueOf(v)));
        return environment;
    }

    private static Map<String, String> envExample() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ENV_EXAMPLE)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int equals = line.indexOf('=');
                entries.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return entries;
    }

    private static Map<String, Object> services() throws IOException {
        return map(yaml(COMPOSE).get("services"));
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        return new Yaml(options).load(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return (List<Object>) node;
    }
}
