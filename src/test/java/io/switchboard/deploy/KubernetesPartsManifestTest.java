package io.switchboard.deploy;

import static io.switchboard.deploy.Manifests.configMap;
import static io.switchboard.deploy.Manifests.container;
import static io.switchboard.deploy.Manifests.dev;
import static io.switchboard.deploy.Manifests.find;
import static io.switchboard.deploy.Manifests.kafka;
import static io.switchboard.deploy.Manifests.list;
import static io.switchboard.deploy.Manifests.map;
import static io.switchboard.deploy.Manifests.object;
import static io.switchboard.deploy.Manifests.prod;
import static io.switchboard.deploy.Manifests.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicatedPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k8s/: the parts around the hub are what the deployment needs: the database external in production and a
 * StatefulSet only in dev, a broker pair whose configuration Artemis reads, and the Kafka option's KRaft quorum that
 * the hub is pointed at and may reach.
 */
class KubernetesPartsManifestTest {

    @TempDir
    Path temp;

    @Test
    void theDatabaseIsExternalInProdAndAStatefulSetOnlyInDev() {
        assertThat(map(object(prod(), "Service", "postgres").get("spec"))).containsEntry("type", "ExternalName");
        assertThat(find(prod(), "StatefulSet", "postgres")).isEmpty();
        assertThat(find(dev(), "StatefulSet", "postgres")).isPresent();
        Map<String, Object> broker = map(object(prod(), "StatefulSet", "artemis").get("spec"));
        assertThat(broker).containsEntry("replicas", 2).containsKey("volumeClaimTemplates");
    }

    @Test
    void theBrokerPairConfigurationIsReadByArtemis() throws Exception {
        Map<String, Object> brokerConfig = map(configMap(prod(), "artemis-config").get("data"));
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
        Map<String, String> settings = settings(kafka());
        Map<String, Object> statefulSet = object(kafka(), "StatefulSet", "kafka");
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

        assertThat(settings(prod())).doesNotContainKey("SWITCHBOARD_EVENTS_BUS");
        assertThat(settings).containsEntry("SWITCHBOARD_EVENTS_BUS", "kafka")
                .containsEntry("SWITCHBOARD_EVENTS_KAFKA_BOOTSTRAPSERVERS", String.join(",", nodes));
        assertThat(String.valueOf(container(statefulSet).get("image"))).startsWith("apache/kafka:");
        assertThat(replicas).isGreaterThanOrEqualTo(3);
        assertThat(environment).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", String.join(",", voters))
                .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2");
        assertThat(map(object(kafka(), "Service", "kafka").get("spec"))).containsEntry("clusterIP", "None");
        assertThat(String.valueOf(map(statefulSet.get("metadata")).get("namespace"))).isEqualTo("switchboard");

        Set<Integer> hubEgress = new HashSet<>();
        list(map(object(kafka(), "NetworkPolicy", "switchboard").get("spec")).get("egress")).forEach(rule ->
                list(map(rule).get("ports")).forEach(port -> hubEgress.add((Integer) map(port).get("port"))));
        assertThat(hubEgress).contains(9092, 61616);
        List<Object> kafkaIngress = list(map(object(kafka(), "NetworkPolicy", "kafka").get("spec")).get("ingress"));
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
}
