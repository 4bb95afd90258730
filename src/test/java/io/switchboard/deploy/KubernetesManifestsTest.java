package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicatedPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * k8s/: the overlays (dev, prod, and prod with Kafka as the event bus) render with kustomize, and every object they render is one the Kubernetes API (1.30) takes,
 * field by field; the hub's Deployment is given what production requires, and the parts around it (routes, network
 * policy, database, broker pair) are what the deployment needs.
 */
class KubernetesManifestsTest {

    private static List<Map<String, Object>> dev;
    private static List<Map<String, Object>> prod;
    /** Production with Kafka as the bus of the domain events (components/kafka). */
    private static List<Map<String, Object>> kafka;

    @TempDir
    Path temp;

    @BeforeAll
    static void render() {
        dev = Kustomize.render("k8s/overlays/dev");
        prod = Kustomize.render("k8s/overlays/prod");
        kafka = Kustomize.render("k8s/overlays/kafka");
    }

    @Test
    void everyRenderedObjectIsValidByTheKubernetesApiSchema() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> object : concat(dev, prod, kafka, secretTemplates())) {
            KubernetesSchemas.problem(object).ifPresent(problems::add);
        }

        assertThat(problems).isEmpty();
        assertThat(prod).extracting(o -> o.get("kind")).contains("Deployment", "Service", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "ConfigMap", "NetworkPolicy", "Ingress", "StatefulSet", "ServiceAccount");
    }

    @Test
    void aMisspelledFieldOrAWrongTypeIsRejected() {
        Map<String, Object> misspelled = copy(object(prod, "Deployment", "switchboard"));
        Map<String, Object> hub = container(misspelled);
        hub.put("readinesProbe", hub.remove("readinessProbe"));
        Map<String, Object> wrongType = copy(object(prod, "Deployment", "switchboard"));
        map(wrongType.get("spec")).put("replicas", "three");
        Map<String, Object> misspelledPolicy = copy(object(prod, "NetworkPolicy", "switchboard"));
        map(misspelledPolicy.get("spec")).put("policyType", map(misspelledPolicy.get("spec")).remove("policyTypes"));

        assertThat(KubernetesSchemas.problem(object(prod, "Deployment", "switchboard"))).isEmpty();
        assertThat(KubernetesSchemas.problem(misspelled)).get().asString().contains("readinesProbe");
        assertThat(KubernetesSchemas.problem(wrongType)).get().asString().contains("three");
        assertThat(KubernetesSchemas.problem(misspelledPolicy)).get().asString().contains("policyType");
    }

    @Test
    void theRoutesConfigMapHoldsEveryRouteFileAsItIs() throws IOException {
        Map<String, Object> data = map(configMap(prod, "switchboard-routes").get("data"));
        Map<String, String> routes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                routes.put(Path.of("routes").relativize(file).toString().replace('/', '.'), Files.readString(file));
            }
        }

        assertThat(routes).isNotEmpty();
        assertThat(data.keySet()).as("routes/kustomization.yaml lists every route file")
                .containsExactlyInAnyOrderElementsOf(routes.keySet());
        routes.forEach((key, content) -> assertThat(data.get(key)).as(key).isEqualTo(content));
        // the API server refuses a ConfigMap over 1 MiB
        assertThat(routes.values().stream().mapToInt(String::length).sum()).isLessThan(1024 * 1024 - 64 * 1024);
    }

    @Test
    void theHubReadsEachRouteOnceFromTheMountedConfigMap() throws Exception {
        // a ConfigMap volume: the files in a timestamped folder, ..data pointing at it, each key a link through ..data
        Path mount = temp.resolve("routes");
        Path version = Files.createDirectories(mount.resolve("..2026_01_01_00_00_00.000000001"));
        Map<String, Object> data = map(configMap(prod, "switchboard-routes").get("data"));
        for (Map.Entry<String, Object> file : data.entrySet()) {
            Files.writeString(version.resolve(file.getKey()), String.valueOf(file.getValue()));
        }
        Files.createSymbolicLink(mount.resolve("..data"), version.getFileName());
        for (String key : data.keySet()) {
            Files.createSymbolicLink(mount.resolve(key), Path.of("..data", key));
        }
        String pattern = settings(prod).get("CAMEL_MAIN_ROUTESINCLUDEPATTERN");

        try (CamelContext camel = new DefaultCamelContext()) {
            assertThat(PluginHelper.getPackageScanResourceResolver(camel)
                    .findResources(pattern.replace("/app/routes", mount.toString()))).hasSize(data.size());
        }
    }

    @Test
    void theHubIsGivenEverySettingTheProductionProfileRequires() throws IOException {
        for (List<Map<String, Object>> overlay : List.of(dev, prod, kafka)) {
            Map<String, String> settings = settings(overlay);
            Set<String> environment = new HashSet<>(settings.keySet());
            container(object(overlay, "Deployment", "switchboard")).entrySet().stream()
                    .filter(e -> e.getKey().equals("env"))
                    .flatMap(e -> list(e.getValue()).stream())
                    .forEach(variable -> environment.add(String.valueOf(map(variable).get("name"))));
            for (Map<String, Object> secret : secretTemplates()) {
                if (referencedByEnvFrom(overlay, name(secret))) {
                    environment.addAll(map(secret.get("stringData")).keySet());
                }
            }

            List<List<String>> missing = ProductionSettings.requiredVariables(settings).stream()
                    .filter(alternatives -> alternatives.stream().noneMatch(environment::contains))
                    .toList();
            assertThat(missing).isEmpty();
            assertThat(settings).containsEntry("SPRING_PROFILES_ACTIVE", "prod")
                    .containsEntry("SWITCHBOARD_TLS_TERMINATEDATPROXY", "true");
        }
    }

    @Test
    void theHubPodIsProbedLimitedAndLockedDown() {
        Map<String, Object> deployment = object(prod, "Deployment", "switchboard");
        Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
        Map<String, Object> hub = container(deployment);
        String managementPort = settings(prod).get("MANAGEMENT_SERVER_PORT");

        assertThat(probe(hub, "livenessProbe")).containsEntry("path", "/actuator/health/liveness");
        assertThat(probe(hub, "startupProbe")).containsEntry("path", "/actuator/health/liveness");
        assertThat(probe(hub, "readinessProbe")).containsEntry("path", "/actuator/health/readiness");
        assertThat(list(hub.get("ports"))).contains(Map.of("name", "management",
                "containerPort", Integer.parseInt(managementPort), "protocol", "TCP"));
        assertThat(probe(hub, "readinessProbe")).containsEntry("port", "management");
        assertThat(map(map(hub.get("resources")).get("requests"))).containsKeys("cpu", "memory");
        assertThat(map(map(hub.get("resources")).get("limits"))).containsKey("memory");
        assertThat(map(pod.get("securityContext"))).containsEntry("runAsNonRoot", true);
        assertThat(map(hub.get("securityContext"))).containsEntry("readOnlyRootFilesystem", true);
        assertThat(list(hub.get("volumeMounts"))).contains(Map.of("name", "tmp", "mountPath", "/tmp"));
        assertThat(list(pod.get("volumes"))).anyMatch(v -> map(v).get("name").equals("tmp") && map(v).containsKey("emptyDir"));
        assertThat(list(pod.get("topologySpreadConstraints"))).isNotEmpty();
    }

    @Test
    void onlyTheIngressControllerReachesTheApiAndTheHubReachesOnlyItsParts() {
        Map<String, Object> spec = map(object(prod, "NetworkPolicy", "switchboard").get("spec"));
        Set<Integer> egressPorts = new HashSet<>();
        list(spec.get("egress")).forEach(rule -> list(map(rule).get("ports"))
                .forEach(port -> egressPorts.add((Integer) map(port).get("port"))));
        List<Object> apiRules = list(spec.get("ingress")).stream()
                .filter(rule -> list(map(rule).get("ports")).stream().anyMatch(p -> map(p).get("port").equals(8080)))
                .toList();

        assertThat(list(spec.get("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(apiRules).hasSize(1);
        assertThat(list(map(apiRules.get(0)).get("from"))).containsExactly(Map.of("namespaceSelector",
                Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx"))));
        assertThat(egressPorts).containsExactlyInAnyOrder(61616, 5432, 53, 443);
        Map<String, Object> ingress = map(object(prod, "Ingress", "switchboard").get("spec"));
        assertThat(list(ingress.get("tls"))).isNotEmpty();
    }

    @Test
    void theDatabaseIsExternalInProdAndAStatefulSetOnlyInDev() {
        assertThat(map(object(prod, "Service", "postgres").get("spec"))).containsEntry("type", "ExternalName");
        assertThat(find(prod, "StatefulSet", "postgres")).isEmpty();
        assertThat(find(dev, "StatefulSet", "postgres")).isPresent();
        Map<String, Object> broker = map(object(prod, "StatefulSet", "artemis").get("spec"));
        assertThat(broker).containsEntry("replicas", 2).containsKey("volumeClaimTemplates");
    }

    @Test
    void theBrokerPairConfigurationIsReadByArtemis() throws Exception {
        Map<String, Object> brokerConfig = map(configMap(prod, "artemis-config").get("data"));
        Map<String, String> environment = Map.of("ARTEMIS_USER", "switchboard", "ARTEMIS_PASSWORD", "secret");

        FileConfiguration primary = artemis(brokerConfig, "broker-primary.xml", "artemis-0", environment);
        FileConfiguration backup = artemis(brokerConfig, "broker-backup.xml", "artemis-1", environment);

        assertThat(primary.getHAPolicyConfiguration()).isInstanceOf(ReplicatedPolicyConfiguration.class);
        assertThat(backup.getHAPolicyConfiguration()).isInstanceOf(ReplicaPolicyConfiguration.class);
        assertThat(primary.getConnectorConfigurations().get("self").getParams()).containsEntry("host", "artemis-0.artemis");
        assertThat(primary.getConnectorConfigurations().get("peer").getParams()).containsEntry("host", "artemis-1.artemis");
        assertThat(backup.getConnectorConfigurations().get("peer").getParams()).containsEntry("host", "artemis-0.artemis");
        assertThat(primary.getJournalDirectory()).startsWith("/var/lib/artemis/data");
        assertThat(primary.getClusterPassword()).isEqualTo("secret");
        assertThat(String.valueOf(brokerConfig.get("start.sh"))).contains("broker-$role.xml");
    }

    @Test
    void theKafkaOptionRunsAKraftQuorumThatTheHubIsPointedAtAndMayReach() {
        Map<String, String> settings = settings(kafka);
        Map<String, Object> statefulSet = object(kafka, "StatefulSet", "kafka");
        int replicas = (Integer) map(statefulSet.get("spec")).get("replicas");
        Map<String, String> environment = new LinkedHashMap<>();
        list(container(statefulSet).get("env")).forEach(variable -> environment.put(
                String.valueOf(map(variable).get("name")), String.valueOf(map(variable).get("value"))));
        List<String> nodes = new ArrayList<>();
        List<String> voters = new ArrayList<>();
        for (int node = 0; node < replicas; node++) {
            nodes.add("kafka-" + node + ".kafka:9092");
            voters.add(node + "@kafka-" + node + ".kafka:9093");
        }

        assertThat(settings(prod)).doesNotContainKey("SWITCHBOARD_EVENTS_BUS");
        assertThat(settings).containsEntry("SWITCHBOARD_EVENTS_BUS", "kafka")
                .containsEntry("SWITCHBOARD_EVENTS_KAFKA_BOOTSTRAPSERVERS", String.join(",", nodes));
        assertThat(String.valueOf(container(statefulSet).get("image"))).startsWith("apache/kafka:");
        assertThat(replicas).isGreaterThanOrEqualTo(3);
        assertThat(environment).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", String.join(",", voters))
                .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2");
        assertThat(map(object(kafka, "Service", "kafka").get("spec"))).containsEntry("clusterIP", "None");
        assertThat(String.valueOf(map(statefulSet.get("metadata")).get("namespace"))).isEqualTo("switchboard");

        Set<Integer> hubEgress = new HashSet<>();
        list(map(object(kafka, "NetworkPolicy", "switchboard").get("spec")).get("egress")).forEach(rule ->
                list(map(rule).get("ports")).forEach(port -> hubEgress.add((Integer) map(port).get("port"))));
        assertThat(hubEgress).contains(9092, 61616);
        List<Object> kafkaIngress = list(map(object(kafka, "NetworkPolicy", "kafka").get("spec")).get("ingress"));
        assertThat(kafkaIngress).anyMatch(rule -> list(map(rule).get("from")).contains(Map.of("podSelector",
                Map.of("matchLabels", Map.of("app.kubernetes.io/name", "switchboard",
                        "app.kubernetes.io/component", "hub")))));
    }

    private FileConfiguration artemis(Map<String, Object> configMap, String file, String pod, Map<String, String> env)
            throws Exception {
        Path xml = temp.resolve(file);
        Files.writeString(xml, String.valueOf(configMap.get(file)));
        Map<String, String> properties = new LinkedHashMap<>(env);
        properties.put("POD_NAME", pod);
        properties.forEach(System::setProperty);
        try {
            FileConfiguration configuration = new FileConfiguration();
            new FileDeploymentManager(xml.toUri().toString()).addDeployable(configuration).readConfiguration();
            return configuration;
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    private static Map<String, String> settings(List<Map<String, Object>> overlay) {
        Map<String, String> settings = new LinkedHashMap<>();
        map(configMap(overlay, "switchboard-settings").get("data")).forEach((k, v) -> settings.put(k, String.valueOf(v)));
        return settings;
    }

    private static boolean referencedByEnvFrom(List<Map<String, Object>> overlay, String secret) {
        return list(container(object(overlay, "Deployment", "switchboard")).get("envFrom")).stream()
                .anyMatch(source -> map(source).containsKey("secretRef")
                        && map(map(source).get("secretRef")).get("name").equals(secret));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> secretTemplates() throws IOException {
        List<Map<String, Object>> secrets = new ArrayList<>();
        new Yaml().loadAll(Files.readString(Path.of("k8s/secrets.template.yaml")))
                .forEach(document -> secrets.add((Map<String, Object>) document));
        return secrets;
    }

    private static Map<String, Object> probe(Map<String, Object> container, String probe) {
        return map(map(container.get(probe)).get("httpGet"));
    }

    private static Map<String, Object> container(Map<String, Object> workload) {
        return map(list(map(map(map(workload.get("spec")).get("template")).get("spec")).get("containers")).get(0));
    }

    private static Map<String, Object> configMap(List<Map<String, Object>> overlay, String generatedName) {
        return overlay.stream().filter(o -> o.get("kind").equals("ConfigMap") && name(o).startsWith(generatedName + "-"))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + generatedName));
    }

    private static Map<String, Object> object(List<Map<String, Object>> overlay, String kind, String name) {
        return find(overlay, kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static Optional<Map<String, Object>> find(List<Map<String, Object>> overlay, String kind, String name) {
        return overlay.stream().filter(o -> o.get("kind").equals(kind) && name(o).equals(name)).findFirst();
    }

    private static String name(Map<String, Object> object) {
        return String.valueOf(map(object.get("metadata")).get("name"));
    }

    @SafeVarargs
    private static List<Map<String, Object>> concat(List<Map<String, Object>>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> object) {
        return (Map<String, Object>) new Yaml().load(new Yaml().dump(object));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }
}
