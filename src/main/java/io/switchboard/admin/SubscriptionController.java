package io.switchboard.admin;

import io.switchboard.errors.InvalidRequest;
import io.switchboard.errors.NotFound;
import io.switchboard.subscribers.StandardWebhooks;
import io.switchboard.subscribers.SubscribersProperties;
import io.switchboard.subscribers.Subscription;
import io.switchboard.subscribers.Subscriptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Subscribers to the hub's domain events: {@code POST /admin/subscriptions} creates one and shows its signing
 * secret once (generated, or the {@code whsec_...} given), {@code GET} lists them or shows one (never the secret),
 * {@code POST .../disable} and {@code .../enable} stop and resume deliveries (enabling clears the run of failures
 * that disabled it), {@code DELETE} removes it and its pending deliveries.
 */
@RestController
public class SubscriptionController {

    /**
     * What a create request may say.
     *
     * @param eventTypes the catalog's types (docs/events.md), or {@code *} for all
     * @param secret     a Standard Webhooks secret ({@code whsec_} and base64 of 24 to 64 bytes); generated if absent
     */
    public record CreateRequest(String name, String url, List<String> eventTypes, String secret, Boolean marketing) {
    }

    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z][a-z_]{0,40}(\\.[a-z][a-z_]{0,40}){1,3}");
    private static final int MAX_TYPES = 50;
    private static final int MAX_URL = 2000;

    private final Subscriptions subscriptions;
    private final SubscribersProperties settings;

    public SubscriptionController(Subscriptions subscriptions, SubscribersProperties settings) {
        this.subscriptions = subscriptions;
        this.settings = settings;
    }

    @PostMapping(path = "/admin/subscriptions", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> create(@RequestBody CreateRequest request) {
        String name = request.name() == null ? "" : request.name().trim();
        if (name.isEmpty() || name.length() > 100) {
            throw new InvalidRequest("name", "1 to 100 characters");
        }
        String url = validUrl(request.url());
        List<String> types = request.eventTypes();
        if (types == null || types.isEmpty() || types.size() > MAX_TYPES || !types.stream().allMatch(
                type -> type != null && (Subscription.ALL_TYPES.equals(type) || EVENT_TYPE.matcher(type).matches()))) {
            throw new InvalidRequest("eventTypes", "1 to " + MAX_TYPES
                    + " event types such as order.shipped (docs/events.md), or \"*\" for all");
        }
        if (request.secret() != null && !StandardWebhooks.isSecret(request.secret())) {
            throw new InvalidRequest("secret", "whsec_ and the base64 of 24 to 64 bytes, or absent");
        }
        String secret = request.secret() == null ? StandardWebhooks.newSecret() : request.secret();
        Subscription created = subscriptions.create(name, url, types.stream().distinct().toList(),
                Boolean.TRUE.equals(request.marketing()), secret);
        Map<String, Object> body = describe(created);
        body.put("secret", secret);   // shown this once
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    @GetMapping(path = "/admin/subscriptions", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> list() {
        return Map.of("items", subscriptions.list().stream().map(SubscriptionController::describe).toList());
    }

    @GetMapping(path = "/admin/subscriptions/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> get(@PathVariable String id) {
        return describe(subscriptions.find(id).orElseThrow(() -> new NotFound("Subscription " + id)));
    }

    @PostMapping(path = "/admin/subscriptions/{id}/disable", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> disable(@PathVariable String id) {
        if (!subscriptions.setEnabled(id, false, "disabled through the admin API")) {
            throw new NotFound("Subscription " + id);
        }
        return get(id);
    }

    @PostMapping(path = "/admin/subscriptions/{id}/enable", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> enable(@PathVariable String id) {
        if (!subscriptions.setEnabled(id, true, null)) {
            throw new NotFound("Subscription " + id);
        }
        return get(id);
    }

    @DeleteMapping(path = "/admin/subscriptions/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        if (!subscriptions.delete(id)) {
            throw new NotFound("Subscription " + id);
        }
        return ResponseEntity.noContent().build();
    }

    /** An absolute https URL (http too where {@code require-https} is off), with no user info. */
    private String validUrl(String url) {
        String expected = settings.requireHttps() ? "an absolute https:// URL" : "an absolute http(s):// URL";
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            throw new InvalidRequest("url", expected);
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            boolean allowed = "https".equals(scheme) || ("http".equals(scheme) && !settings.requireHttps());
            if (!allowed || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
                throw new InvalidRequest("url", expected + " without user info or fragment");
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            throw new InvalidRequest("url", expected);
        }
    }

    private static Map<String, Object> describe(Subscription subscription) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", subscription.id());
        body.put("name", subscription.name());
        body.put("url", subscription.url());
        body.put("eventTypes", subscription.eventTypes());
        body.put("marketing", subscription.marketing());
        body.put("enabled", subscription.enabled());
        body.put("consecutiveFailures", subscription.consecutiveFailures());
        body.put("disabledAt", subscription.disabledAt());
        body.put("disabledReason", subscription.disabledReason());
        body.put("createdAt", subscription.createdAt());
        return body;
    }
}
