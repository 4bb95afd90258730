package io.switchboard.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.crm.CustomerApi;
import io.switchboard.events.CacheEvictions;
import io.switchboard.events.CanonicalEvent;
import io.switchboard.events.EventOutbox.Publication;
import io.switchboard.events.EventOutbox;
import io.switchboard.ingress.WebhookSources;
import io.switchboard.messaging.DeadLetters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Shopify's mandatory compliance webhooks, on a source of the Shopify scheme (verified at the door), applied by the
 * webhook worker in its database transaction (routes/webhooks/process.camel.yaml):
 * <ul>
 *   <li>{@code customers/data_request}: the customer's export (CustomerExport) is stored sealed in privacy_exports
 *       for the operator to hand over ({@code GET /api/v1/privacy/exports/{exportId}}), and announced as
 *       {@code privacy.data_request.exported};</li>
 *   <li>{@code customers/redact}: the customer's erasure is requested, as {@code DELETE} on the privacy API does
 *       (Shopify's own part is then not applicable: Shopify erases on its side), announced as
 *       {@code privacy.erasure.requested};</li>
 *   <li>{@code shop/redact}: everything the hub holds for the shop goes: its exports, the payloads of the source's
 *       dead letters, the order cancellations and cached orders when it is the shop the hub serves; the proof is an
 *       erasure request of origin {@code shopify:shop/redact}.</li>
 * </ul>
 * The announcements carry ids, not the webhook's payload, which names the customer: these events are published
 * instead of the raw one. Shopify's customer id is the customer's id in the hub (as the orders adapter reads it).
 */
@Component("shopifyCompliance")
public class ShopifyCompliance {

    static final Set<String> TOPICS = Set.of("customers/data_request", "customers/redact", "shop/redact");
    private static final String EVENTS = "switchboard.events";
    private static final Logger log = LoggerFactory.getLogger(ShopifyCompliance.class);

    private final WebhookSources sources;
    private final CustomerExport export;
    private final ErasureRequests erasures;
    private final FieldCipher cipher;
    private final JdbcTemplate jdbc;
    private final DeadLetters deadLetters;
    private final EventOutbox outbox;
    private final ObjectMapper json;

    public ShopifyCompliance(WebhookSources sources, CustomerExport export, ErasureRequests erasures,
                             FieldCipher cipher, JdbcTemplate jdbc, DeadLetters deadLetters, EventOutbox outbox,
                             ObjectMapper json) {
        this.sources = sources;
        this.export = export;
        this.erasures = erasures;
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
        this.outbox = outbox;
        this.json = json;
    }

    /** Whether the event is one of Shopify's compliance webhooks. */
    public boolean applies(CanonicalEvent event) {
        return event != null && TOPICS.contains(event.type()) && sources.find(event.source())
                .map(source -> "shopify".equals(source.scheme().name())).orElse(false);
    }

    /** Does what the topic asks and stages its announcement on the exchange (the worker writes it to the outbox). */
    public void apply(Exchange exchange) throws IOException {
        CanonicalEvent event = EventOutbox.event(exchange);
        JsonNode payload = event.payload();
        String shop = payload.path("shop_domain").asText(null);
        ObjectNode announced = json.createObjectNode().put("shopDomain", shop);
        String type;
        switch (event.type()) {
            case "customers/data_request" -> {
                String customer = customer(payload);
                String exportId = store(customer, shop, "shopify:customers/data_request");
                announced.put("exportId", exportId).put("dataRequestId", payload.path("data_request").path("id").asText(null));
                type = "privacy.data_request.exported";
            }
            case "customers/redact" -> {
                announced.put("requestId", erasures.request(customer(payload), "shopify"));
                type = "privacy.erasure.requested";
            }
            default -> {
                announced.put("requestId", redactShop(event.source(), shop));
                type = "privacy.shop.redacted";
            }
        }
        CanonicalEvent publication = new CanonicalEvent(event.id(), event.source(), type, event.occurredAt(),
                event.receivedAt(), Map.of(), announced);
        exchange.setProperty(EventOutbox.EVENT, publication);   // what this delivery publishes, in its place
        exchange.getMessage().setBody(json.writeValueAsString(publication));
        outbox.stage(exchange, EVENTS);
        log.info("Shopify {} for {} applied: {}", event.type(), shop, type);
    }

    /** Stores the customer's export, sealed, for the operator; answers its id. */
    String store(String customer, String shop, String origin) throws IOException {
        ByteArrayOutputStream document = new ByteArrayOutputStream();
        export.write(customer, document);
        String exportId = "exp_" + UUID.randomUUID();
        jdbc.update("INSERT INTO privacy_exports (export_id, origin, customer_hash, shop_domain, key_id,"
                        + " document_sealed) VALUES (?, ?, ?, ?, ?, ?)", exportId, origin,
                ErasureRequests.fingerprint(customer), shop, cipher.keyId(),
                cipher.seal(document.toString(StandardCharsets.UTF_8), PrivacyExports.context(exportId)));
        return exportId;
    }

    private String redactShop(String source, String shop) {
        jdbc.update("DELETE FROM privacy_exports WHERE shop_domain = ?", shop);
        int letters = deadLetters.erasePayloads(source, payload -> true, "payload erased (shop/redact)");
        // the source is bound to the shop the hub serves: its orders' records and cache entries go too
        jdbc.update("DELETE FROM order_cancellations");
        outbox.write(List.of(new Publication(CacheEvictions.TOPIC, CacheEvictions.ALL_ORDERS, "privacy",
                "shop.redacted")));
        log.info("Shop {} redacted: {} dead letters emptied", shop, letters);
        return erasures.recordShopRedact(shop);
    }

    private static String customer(JsonNode payload) {
        JsonNode id = payload.path("customer").path("id");
        if (!id.isValueNode()) {
            throw new IllegalArgumentException("a Shopify compliance webhook without customer.id");
        }
        return CustomerApi.wellFormed(id.asText());
    }
}
