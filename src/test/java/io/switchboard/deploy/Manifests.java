package io.switchboard.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * The objects k8s/'s overlays render to (dev, prod, and prod with Kafka as the event bus), rendered once for every
 * test that reads them, and the ways into them those tests share.
 */
final class Manifests {

    private static final Map<String, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

    private Manifests() {
    }

    static List<Map<String, Object>> dev() {
        return overlay("dev");
    }

    static List<Map<String, Object>> prod() {
        return overlay("prod");
    }

    /** Production with Kafka as the bus of the domain events (components/kafka). */
    static List<Map<String, Object>> kafka() {
        return overlay("kafka");
    }

    private static List<Map<String, Object>> overlay(String name) {
        return RENDERED.computeIfAbsent(name, overlay -> Kustomize.render("k8s/overlays/" + overlay));
    }

    static Map<String, String> settings(List<Map<String, Object>> overlay) {
        Map<String, String> settings = new LinkedHashMap<>();
        map(configMap(overlay, "switchboard-settings").get("data")).forEach((k, v) -> settings.put(k, String.valueOf(v)));
        return settings;
    }

    static boolean referencedByEnvFrom(List<Map<String, Object>> overlay, String secret) {
        return list(container(object(overlay, "Deployment", "switchboard")).get("envFrom")).stream()
                .anyMatch(source -> map(source).containsKey("secretRef")
                        && map(map(source).get("secretRef")).get("name").equals(secret));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> secretTemplates() throws IOException {
        List<Map<String, Object>> secrets = new ArrayList<>();
        new Yaml().loadAll(Files.readString(Path.of("k8s/secrets.template.yaml")))
                .forEach(document -> secrets.add((Map<String, Object>) document));
        return secrets;
    }

    static Map<String, Object> probe(Map<String, Object> container, String probe) {
        return map(map(container.get(probe)).get("httpGet"));
    }

    static Map<String, Object> container(Map<String, Object> workload) {
        return map(list(map(map(map(workload.get("spec")).get("template")).get("spec")).get("containers")).get(0));
    }

    static Map<String, Object> configMap(List<Map<String, Object>> overlay, String generatedName) {
        return overlay.stream().filter(o -> o.get("kind").equals("ConfigMap") && name(o).startsWith(generatedName + "-"))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + generatedName));
    }

    static Map<String, Object> object(List<Map<String, Object>> overlay, String kind, String name) {
        return find(overlay, kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static Optional<Map<String, Object>> find(List<Map<String, Object>> overlay, String kind, String name) {
        return overlay.stream().filter(o -> o.get("kind").equals(kind) && name(o).equals(name)).findFirst();
    }

    static String name(Map<String, Object> object) {
        return String.valueOf(map(object.get("metadata")).get("name"));
    }

    @SafeVarargs
    static List<Map<String, Object>> concat(List<Map<String, Object>>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> copy(Map<String, Object> object) {
        return (Map<String, Object>) new Yaml().load(new Yaml().dump(object));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        return node == null ? List.of() : (List<Object>) node;
    }
}
