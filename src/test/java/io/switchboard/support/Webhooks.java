package io.switchboard.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs and posts deliveries the way vendors do, with the local profile's sandbox secrets. */
public final class Webhooks {

    public static final String STANDARD_SECRET = "whsec_c2FuZGJveC1zdGFuZGFyZC13ZWJob29rcy1zZWNyZXQh";
    public static final String SHOPIFY_SECRET = "sandbox-shopify-webhook-secret";
    public static final String GITHUB_SECRET = "sandbox-github-webhook-secret";
    public static final String WOOCOMMERCE_SECRET = "sandbox-woocommerce-webhook-secret";
    public static final String ORDER_STATUS_SECRET = "sandbox-order-status-secret";
    public static final String ZENDESK_SECRET = "sandbox-zendesk-signing-secret";
    public static final String ZENDESK_GUIDE_SECRET = "sandbox-zendesk-guide-signing-secret";
    public static final String HUBSPOT_SECRET = "sandbox-hubspot-client-secret";
    public static final String FRESHDESK_CREDENTIALS = "switchboard:sandbox-freshdesk-webhook-password";
    public static final String JIRA_SECRET = "sandbox-jira-webhook-secret";
    public static final String CONFLUENCE_SECRET = "sandbox-confluence-webhook-secret";
    public static final String SALESFORCE_RELAY_SECRET = "sandbox-salesforce-relay-secret";

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Webhooks() {
    }

    public static HttpResponse<String> post(int port, String source, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/" + source))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A Standard Webhooks delivery signed now, with any further headers (name, value, ...). */
    public static HttpResponse<String> postStandard(int port, String source, String id, String body,
                                                    String... moreHeaders) throws Exception {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        byte[] key = Base64.getDecoder().decode(STANDARD_SECRET.substring("whsec_".length()));
        String signature = Base64.getEncoder().encodeToString(hmac(key, id + "." + timestamp + "." + body));
        List<String> headers = new ArrayList<>(List.of("webhook-id", id, "webhook-timestamp", timestamp,
                "webhook-signature", "v1," + signature, "Content-Type", "application/json"));
        headers.addAll(List.of(moreHeaders));
        return post(port, source, body, headers.toArray(String[]::new));
    }

    public static HttpResponse<String> postGitHub(int port, String source, String secret, String delivery, String body)
            throws Exception {
        String signature = "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
        return post(port, source, body, "X-Hub-Signature-256", signature, "X-GitHub-Delivery", delivery,
                "X-GitHub-Event", "issues", "Content-Type", "application/json");
    }

    public static HttpResponse<String> postShopify(int port, String topic, String webhookId, String body)
            throws Exception {
        String signature = Base64.getEncoder().encodeToString(hmac(SHOPIFY_SECRET.getBytes(StandardCharsets.UTF_8), body));
        return post(port, "shopify", body, "X-Shopify-Hmac-Sha256", signature, "X-Shopify-Topic", topic,
                "X-Shopify-Webhook-Id", webhookId, "Content-Type", "application/json");
    }

    public static HttpResponse<String> postWooCommerce(int port, String topic, String deliveryId, String body)
            throws Exception {
        String signature = Base64.getEncoder().encodeToString(
                hmac(WOOCOMMERCE_SECRET.getBytes(StandardCharsets.UTF_8), body));
        return post(port, "woocommerce", body, "X-WC-Webhook-Signature", signature, "X-WC-Webhook-Topic", topic,
                "X-WC-Webhook-Delivery-ID", deliveryId, "X-WC-Webhook-Resource", topic.split("\\.")[0],
                "Content-Type", "application/json");
    }

    /** The local profile's order-status source: {@code sha256=<hex of timestamp.body>}, signed now. */
    public static HttpResponse<String> postOrderStatus(int port, String type, String id, String body) throws Exception {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String signature = "sha256=" + HexFormat.of().formatHex(
                hmac(ORDER_STATUS_SECRET.getBytes(StandardCharsets.UTF_8), timestamp + "." + body));
        return post(port, "order-status", body, "X-Webhook-Signature", signature, "X-Webhook-Timestamp", timestamp,
                "X-Webhook-Id", id, "X-Webhook-Event", type, "Content-Type", "application/json");
    }

    /** Zendesk: base64 HMAC of the timestamp then the body; the invocation id Zendesk keeps across its retries. */
    public static HttpResponse<String> postZendesk(int port, String source, String secret, String invocationId,
                                                   String body) throws Exception {
        String timestamp = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String signature = Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8),
                timestamp + body));
        return post(port, source, body, "X-Zendesk-Webhook-Signature", signature,
                "X-Zendesk-Webhook-Signature-Timestamp", timestamp, "X-Zendesk-Webhook-Invocation-Id", invocationId,
                "Content-Type", "application/json");
    }

    /** HubSpot v3: base64 HMAC of method, the URI called, the body and the timestamp in milliseconds. */
    public static HttpResponse<String> postHubSpot(int port, String body) throws Exception {
        String timestamp = Long.toString(System.currentTimeMillis());
        String uri = "http://localhost:" + port + "/webhooks/hubspot";
        String signature = Base64.getEncoder().encodeToString(hmac(HUBSPOT_SECRET.getBytes(StandardCharsets.UTF_8),
                "POST" + uri + body + timestamp));
        return post(port, "hubspot", body, "X-HubSpot-Signature-v3", signature, "X-HubSpot-Request-Timestamp",
                timestamp, "Content-Type", "application/json");
    }

    /** Freshdesk's rule webhook with "Requires authentication": HTTP Basic. */
    public static HttpResponse<String> postFreshdesk(int port, String credentials, String body) throws Exception {
        return post(port, "freshdesk", body, "Authorization", "Basic " + Base64.getEncoder().encodeToString(
                credentials.getBytes(StandardCharsets.UTF_8)), "Content-Type", "application/json");
    }

    /** Jira's admin webhook with a secret: {@code X-Hub-Signature: sha256=<hex of the body>}. */
    public static HttpResponse<String> postJira(int port, String identifier, String body) throws Exception {
        String signature = "sha256=" + HexFormat.of().formatHex(hmac(JIRA_SECRET.getBytes(StandardCharsets.UTF_8), body));
        return post(port, "jira", body, "X-Hub-Signature", signature, "X-Atlassian-Webhook-Identifier", identifier,
                "Content-Type", "application/json");
    }

    /** Confluence's webhook with a secret: {@code X-Hub-Signature: sha256=<hex of the body>}, the event's name. */
    public static HttpResponse<String> postConfluence(int port, String event, String requestId, String body)
            throws Exception {
        String signature = "sha256=" + HexFormat.of().formatHex(
                hmac(CONFLUENCE_SECRET.getBytes(StandardCharsets.UTF_8), body));
        return post(port, "confluence", body, "X-Hub-Signature", signature, "X-Event-Key", event,
                "X-Request-Id", requestId, "Content-Type", "application/json");
    }

    /** The relay of Salesforce change events: {@code sha256=<hex of timestamp.body>}, signed now. */
    public static HttpResponse<String> postSalesforceRelay(int port, String id, String body) throws Exception {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String signature = "sha256=" + HexFormat.of().formatHex(
                hmac(SALESFORCE_RELAY_SECRET.getBytes(StandardCharsets.UTF_8), timestamp + "." + body));
        return post(port, "salesforce", body, "X-Webhook-Signature", signature, "X-Webhook-Timestamp", timestamp,
                "X-Webhook-Id", id, "X-Webhook-Event", "/data/ContactChangeEvent", "Content-Type", "application/json");
    }

    static byte[] hmac(byte[] key, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    }
}
