package io.switchboard.deploy;

import static io.switchboard.deploy.Manifests.concat;
import static io.switchboard.deploy.Manifests.container;
import static io.switchboard.deploy.Manifests.copy;
import static io.switchboard.deploy.Manifests.dev;
import static io.switchboard.deploy.Manifests.kafka;
import static io.switchboard.deploy.Manifests.map;
import static io.switchboard.deploy.Manifests.object;
import static io.switchboard.deploy.Manifests.prod;
import static io.switchboard.deploy.Manifests.secretTemplates;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * k8s/: every object the overlays (dev, prod, and prod with Kafka as the event bus) render with kustomize is one the
 * Kubernetes API (1.30) takes, field by field, and a misspelt field or a wrong type is caught.
 */
class KubernetesManifestSchemaTest {

    @Test
    void everyRenderedObjectIsValidByTheKubernetesApiSchema() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> object : concat(dev(), prod(), kafka(), secretTemplates())) {
            KubernetesSchemas.problem(object).ifPresent(problems::add);
        }

        assertThat(problems).isEmpty();
        assertThat(prod()).extracting(o -> o.get("kind")).contains("Deployment", "Service", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "ConfigMap", "NetworkPolicy", "Ingress", "StatefulSet", "ServiceAccount");
    }

    @Test
    void aMisspelledFieldOrAWrongTypeIsRejected() {
        Map<String, Object> misspelled = copy(object(prod(), "Deployment", "switchboard"));
        Map<String, Object> hub = container(misspelled);
        hub.put("readinesProbe", hub.remove("readinessProbe"));
        Map<String, Object> wrongType = copy(object(prod(), "Deployment", "switchboard"));
        map(wrongType.get("spec")).put("replicas", "three");
        Map<String, Object> misspelledPolicy = copy(object(prod(), "NetworkPolicy", "switchboard"));
        map(misspelledPolicy.get("spec")).put("policyType", map(misspelledPolicy.get("spec")).remove("policyTypes"));

        assertThat(KubernetesSchemas.problem(object(prod(), "Deployment", "switchboard"))).isEmpty();
        assertThat(KubernetesSchemas.problem(misspelled)).get().asString().contains("readinesProbe");
        assertThat(KubernetesSchemas.problem(wrongType)).get().asString().contains("three");
        assertThat(KubernetesSchemas.problem(misspelledPolicy)).get().asString().contains("policyType");
    }
}
