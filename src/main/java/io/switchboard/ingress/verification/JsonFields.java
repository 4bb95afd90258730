package io.switchboard.ingress.verification;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * Reads one top-level string field out of a JSON body without building a tree: enough to find an event id or type.
 * A body that is not JSON simply has no such field.
 */
@Component
public class JsonFields {

    private final ObjectMapper json;

    public JsonFields(ObjectMapper json) {
        this.json = json;
    }

    public String topLevel(byte[] body, String field) {
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(field) && value == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException notJson) {
            return null;
        }
    }
}
