package io.switchboard.connectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.resilience.UnreadableUpstreamResponse;

/** Reading a vendor's answer: what cannot be read is the vendor's failure (an upstream error), never our 500. */
public final class VendorJson {

    private VendorJson() {
    }

    /** The answer as JSON (an empty answer is a missing node). */
    public static JsonNode read(ObjectMapper json, String answer, String vendor) {
        try {
            JsonNode node = json.readTree(answer == null ? "" : answer);
            return node == null ? json.missingNode() : node;
        } catch (JsonProcessingException e) {
            throw new UnreadableUpstreamResponse(vendor + " answered with malformed JSON", e);
        }
    }

    /** The answer as a JSON object, or an upstream error. */
    public static JsonNode readObject(ObjectMapper json, String answer, String vendor) {
        JsonNode node = read(json, answer, vendor);
        if (!node.isObject()) {
            throw new UnreadableUpstreamResponse(vendor + " answered something other than a JSON object", null);
        }
        return node;
    }
}
