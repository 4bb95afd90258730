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

    static byte[] hmac(byte[] key, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
    }
}
