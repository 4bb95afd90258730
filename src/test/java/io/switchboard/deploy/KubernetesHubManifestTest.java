package io.switchboard.deploy;

import static io.switchboard.deploy.Manifests.configMap;
import static io.switchboard.deploy.Manifests.container;
import static io.switchboard.deploy.Manifests.dev;
import static io.switchboard.deploy.Manifests.kafka;
import static io.switchboard.deploy.Manifests.list;
import static io.switchboard.deploy.Manifests.map;
import static io.switchboard.deploy.Manifests.name;
import static io.switchboard.deploy.Manifests.object;
import static io.switchboard.deploy.Manifests.probe;
import static io.switchboard.deploy.Manifests.prod;
import static io.switchboard.deploy.Manifests.referencedByEnvFrom;
import static io.switchboard.deploy.Manifests.secretTemplates;
import static io.switchboard.deploy.Manifests.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k8s/: the hub's Deployment as the overlays render it is given what production requires (every setting, the route
 * files in a ConfigMap it reads each once from, probes, limits and a locked-down pod), and its network policy lets
 * only the ingress controller in and the hub out only to its parts.
 */
class KubernetesHubManifestTest {

    @TempDir
    Path temp;

    @Test
    void theRoutesConfigMapHoldsEveryRouteFileAsItIs() throws IOException {
        Map<String, Object> data = map(configMap(prod(), "switchboard-routes").get("data"));
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
        Map<String, Object> data = map(configMap(prod(), "switchboard-routes").get("data"));
        for (Map.Entry<String, Object> file : data.entrySet()) {
            Files.writeString(version.resolve(file.getKey()), String.valueOf(file.getValue()));
        }
        Files.createSymbolicLink(mount.resolve("..data"), version.getFileName());
        for (String key : data.keySet()) {
            Files.createSymbolicLink(mount.resolve(key), Path.of("..data", key));
        }
        String pattern = settings(prod()).get("CAMEL_MAIN_ROUTESINCLUDEPATTERN");

        try (CamelContext camel = new DefaultCamelContext()) {
            assertThat(PluginHelper.getPackageScanResourceResolver(camel)
                    .findResources(pattern.replace("/app/routes", mount.toString()))).hasSize(data.size());
        }
    }

    @Test
    void theHubIsGivenEverySettingTheProductionProfileRequires() throws IOException {
        for (List<Map<String, Object>> overlay : List.of(dev(), prod(), kafka())) {
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
        Map<String, Object> deployment = object(prod(), "Deployment", "switchboard");
        Map<String, Object> pod = map(map(map(deployment.get("spec")).get("template")).get("spec"));
        Map<String, Object> hub = container(deployment);
        String managementPort = settings(prod()).get("MANAGEMENT_SERVER_PORT");

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
        Map<String, Object> spec = map(object(prod(), "NetworkPolicy", "switchboard").get("spec"));
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
        Map<String, Object> ingress = map(object(prod(), "Ingress", "switchboard").get("spec"));
        assertThat(list(ingress.get("tls"))).isNotEmpty();
    }
}
