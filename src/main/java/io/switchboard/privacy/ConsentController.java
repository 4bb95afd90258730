package io.switchboard.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.crm.CustomerApi;
import io.switchboard.errors.InvalidRequest;
import io.switchboard.security.ApiKey;
import io.switchboard.security.ApiKeyFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's consent, for an API key of scope {@code privacy:admin} ({@link ApiKeyFilter}):
 * {@code PUT /api/v1/privacy/customers/{customerId}/consent} appends a change and answers the consent now in force;
 * {@code GET} answers it with its history. It applies from the customer's next conversation event on.
 */
@RestController
public class ConsentController {

    private static final String PATH = "/api/v1/privacy/customers/{customerId}/consent";

    private final Consents consents;
    private final ObjectMapper json;

    public ConsentController(Consents consents, ObjectMapper json) {
        this.consents = consents;
        this.json = json;
    }

    @PutMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> set(@PathVariable String customerId, @RequestBody(required = false) String body,
                                   HttpServletRequest request) {
        String customer = CustomerApi.wellFormed(customerId);
        JsonNode consent = object(body);
        boolean crmLogging = flag(consent, "crmLogging");
        boolean transcriptStorage = flag(consent, "transcriptStorage");
        boolean marketing = flag(consent, "marketing");
        // optional: service notifications need no opt-in, so a client that does not know the purpose leaves it as is
        boolean notifications = consent.has("notifications") ? flag(consent, "notifications")
                : consents.current(customer).notifications();
        ApiKey key = (ApiKey) request.getAttribute(ApiKeyFilter.KEY_ATTRIBUTE);
        return describe(customer, consents.record(customer, crmLogging, transcriptStorage, marketing, notifications,
                key.id()));
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> get(@PathVariable String customerId) {
        String customer = CustomerApi.wellFormed(customerId);
        Map<String, Object> answer = describe(customer, consents.current(customer));
        answer.put("history", consents.history(customer).stream().map(ConsentController::entry).toList());
        return answer;
    }

    private JsonNode object(String body) {
        JsonNode node;
        try {
            node = json.readTree(body == null ? "" : body);
        } catch (IOException e) {
            throw new InvalidRequest("The body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidRequest("The body must be a JSON object");
        }
        return node;
    }

    private static boolean flag(JsonNode consent, String field) {
        JsonNode value = consent.path(field);
        if (!value.isBoolean()) {
            throw new InvalidRequest(field, "required, true or false");
        }
        return value.booleanValue();
    }

    private static Map<String, Object> describe(String customerId, Consents.Consent consent) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("customerId", customerId);
        answer.putAll(entry(consent));
        return answer;
    }

    private static Map<String, Object> entry(Consents.Consent consent) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("crmLogging", consent.crmLogging());
        entry.put("transcriptStorage", consent.transcriptStorage());
        entry.put("marketing", consent.marketing());
        entry.put("notifications", consent.notifications());
        if (consent.setAt() != null) {
            entry.put("setAt", consent.setAt());
            entry.put("setBy", consent.setBy());
        }
        return entry;
    }
}
