package io.switchboard.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.JSON;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Optional;

/**
 * Validates a Kubernetes object by the Kubernetes API's own schema, as compiled into the official Java client's
 * models (generated from the API server's OpenAPI document of the client's release): a field the API does not have
 * is refused, and so is a value of the wrong type.
 */
final class KubernetesSchemas {

    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final JSON KUBERNETES_JSON = new JSON();

    private KubernetesSchemas() {
    }

    /** What is wrong with the object, or empty when the API would take it. */
    static Optional<String> problem(Map<String, Object> object) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String kind = String.valueOf(object.get("kind"));
        String version = apiVersion.substring(apiVersion.lastIndexOf('/') + 1);
        String model = "io.kubernetes.client.openapi.models." + Character.toUpperCase(version.charAt(0))
                + version.substring(1) + kind;
        try {
            Class<?> type = Class.forName(model);
            String json = JACKSON.writeValueAsString(object);
            JsonObject tree = JsonParser.parseString(json).getAsJsonObject();
            type.getMethod("validateJsonObject", JsonObject.class).invoke(null, tree);
            KUBERNETES_JSON.deserialize(json, type);
            return Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.of(apiVersion + " " + kind + ": not a Kubernetes API type");
        } catch (InvocationTargetException e) {
            return Optional.of(apiVersion + " " + kind + ": " + e.getCause().getMessage());
        } catch (RuntimeException | JsonProcessingException | NoSuchMethodException | IllegalAccessException e) {
            return Optional.of(apiVersion + " " + kind + ": " + e.getMessage());
        }
    }
}
