package io.switchboard.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.connectors.confluence.ConfluenceWebhooks;
import io.switchboard.connectors.freshdesk.FreshdeskWebhooks;
import io.switchboard.connectors.hubspot.HubSpotWebhooks;
import io.switchboard.connectors.jira.JiraWebhooks;
import io.switchboard.connectors.orderstatus.OrderStatusWebhooks;
import io.switchboard.connectors.salesforce.SalesforceWebhooks;
import io.switchboard.connectors.shopify.ShopifyWebhooks;
import io.switchboard.connectors.woocommerce.WooCommerceWebhooks;
import io.switchboard.connectors.zendesk.ZendeskWebhooks;
import io.switchboard.connectors.zendeskguide.ZendeskGuideWebhooks;
import io.switchboard.events.CanonicalEvent;
import io.switchboard.events.DomainEvent;
import io.switchboard.events.WebhookMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each vendor's webhook mapper on the vendor's sample delivery of sandbox/<vendor>/webhooks/. */
class WebhookMappersTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-24T09:00:00Z");
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void shopifysFulfilledOrderIsShippedForItsCustomer() throws Exception {
        DomainEvent event = single(new ShopifyWebhooks(), "shopify", "orders/fulfilled", "shopify/webhooks/orders/fulfilled");

        assertThat(event.type()).isEqualTo("order.shipped");
        assertThat(event.subject()).isEqualTo("1001");
        assertThat(event.customerid()).isEqualTo("207119551");
        assertThat(event.source()).isEqualTo("/webhooks/shopify");
        assertThat(event.data().path("vendorEventType").asText()).isEqualTo("orders/fulfilled");
    }

    @Test
    void wooCommercesCompletedOrderIsShipped() throws Exception {
        DomainEvent event = single(new WooCommerceWebhooks(), "woocommerce", "order.updated", "woocommerce/webhooks/order.updated");

        assertThat(event.type()).isEqualTo("order.shipped");
        assertThat(event.subject()).isEqualTo("1001");
        assertThat(event.customerid()).isEqualTo("207119551");
    }

    @Test
    void anInHouseShippedStatusIsShipped() throws Exception {
        DomainEvent event = single(new OrderStatusWebhooks(), "order-status", "order.status_changed",
                "order-status/webhooks/order.status_changed");

        assertThat(event.type()).isEqualTo("order.shipped");
        assertThat(event.customerid()).isEqualTo("207119551");
    }

    @Test
    void zendesksStatusChangeToSolvedIsTicketSolvedAndOtherTicketEventsAreUpdates() throws Exception {
        DomainEvent solved = single(new ZendeskWebhooks(), "zendesk", null, "zendesk/webhooks/ticket.status_changed");
        DomainEvent updated = single(new ZendeskWebhooks(), "zendesk", null, "zendesk/webhooks/ticket.priority_changed");

        assertThat(solved.type()).isEqualTo("ticket.solved");
        assertThat(solved.subject()).isEqualTo("35436");
        assertThat(solved.customerid()).isEqualTo("207119551");
        assertThat(solved.data().path("status").asText()).isEqualTo("solved");
        assertThat(solved.data().path("previousStatus").asText()).isEqualTo("open");
        assertThat(solved.time()).isEqualTo("2026-11-24T08:30:00.672717030Z");
        assertThat(updated.type()).isEqualTo("ticket.updated");
    }

    @Test
    void freshdesksResolvedTicketIsSolved() throws Exception {
        DomainEvent event = single(new FreshdeskWebhooks(), "freshdesk", null, "freshdesk/webhooks/ticket.resolved");

        assertThat(event.type()).isEqualTo("ticket.solved");
        assertThat(event.subject()).isEqualTo("1");
        assertThat(event.customerid()).isEqualTo("207119551");
    }

    @Test
    void jirasMoveIntoDoneIsSolved() throws Exception {
        DomainEvent event = single(new JiraWebhooks(), "jira", null, "jira/webhooks/jira.issue_updated");

        assertThat(event.type()).isEqualTo("ticket.solved");
        assertThat(event.subject()).isEqualTo("SUP-2");
        assertThat(event.customerid()).isEqualTo("207119551");
        assertThat(event.data().path("previousStatus").asText()).isEqualTo("in progress");
    }

    @Test
    void hubSpotsPropertyChangeIsTheCustomersNormalisedChange() throws Exception {
        DomainEvent event = single(new HubSpotWebhooks(), "hubspot", null, "hubspot/webhooks/contact.propertyChange");

        assertThat(event.type()).isEqualTo("customer.updated");
        assertThat(event.subject()).isEqualTo("207119551");
        assertThat(event.data().path("customerId").asText()).isEqualTo("207119551");
        assertThat(event.data().path("source").asText()).isEqualTo("hubspot");
        assertThat(event.data().path("changedFields").toString()).isEqualTo("[\"phone\"]");
        assertThat(event.data().path("vendorFields").toString()).isEqualTo("[\"phone\"]");
        assertThat(event.data().path("sourceTimestamp").asText()).isEqualTo(Instant.ofEpochMilli(1795500000000L).toString());
        assertThat(event.data().toString()).doesNotContain("555-625-1199");
    }

    @Test
    void aHubSpotBatchIsOneChangePerContact() throws Exception {
        String batch = "[{\"objectId\":1,\"subscriptionType\":\"contact.propertyChange\",\"propertyName\":\"email\","
                + "\"occurredAt\":1000},{\"objectId\":2,\"subscriptionType\":\"contact.propertyChange\","
                + "\"propertyName\":\"city\",\"occurredAt\":3000},{\"objectId\":1,\"subscriptionType\":"
                + "\"contact.propertyChange\",\"propertyName\":\"firstname\",\"occurredAt\":2000}]";
        HubSpotWebhooks mapper = new HubSpotWebhooks();

        List<DomainEvent> events = mapper.domainEvents(mapper.normalize(received("hubspot", null, batch)));

        assertThat(events).extracting(DomainEvent::subject).containsExactly("1", "2");
        assertThat(events.get(0).data().path("changedFields").toString()).isEqualTo("[\"email\",\"name\"]");
        assertThat(events.get(0).data().path("sourceTimestamp").asText()).isEqualTo("1970-01-01T00:00:02Z");
        assertThat(events.get(1).data().path("changedFields").toString()).isEqualTo("[\"address\"]");
        assertThat(events.get(0).id()).isNotEqualTo(events.get(1).id());
    }

    @Test
    void salesforcesContactChangeEventIsTheCustomersChangeWithoutSystemFields() throws Exception {
        DomainEvent event = single(new SalesforceWebhooks(), "salesforce", "/data/ContactChangeEvent",
                "salesforce/webhooks/ContactChangeEvent");

        assertThat(event.type()).isEqualTo("customer.updated");
        assertThat(event.customerid()).isEqualTo("003Dp000001BobNAAS");
        assertThat(event.data().path("changedFields").toString()).isEqualTo("[\"email\",\"address\"]");
        assertThat(event.data().path("vendorFields").toString()).isEqualTo("[\"Email\",\"MailingAddress.City\"]");
        assertThat(event.data().path("sourceTimestamp").asText()).isEqualTo(Instant.ofEpochMilli(1795509000000L).toString());
    }

    @Test
    void zendeskGuidesPublishedArticleAndConfluencesUpdatedPageAreArticleUpdates() throws Exception {
        DomainEvent guide = single(new ZendeskGuideWebhooks(), "zendesk-guide", null, "zendesk/webhooks/article.published");
        DomainEvent page = single(new ConfluenceWebhooks(), "confluence", "page_updated", "confluence/webhooks/page_updated");

        assertThat(guide.type()).isEqualTo("article.updated");
        assertThat(guide.subject()).isEqualTo("360026053753");
        assertThat(guide.data().path("change").asText()).isEqualTo("published");
        assertThat(page.type()).isEqualTo("article.updated");
        assertThat(page.subject()).isEqualTo("65538");
    }

    @Test
    void eventsThatChangeNoAnswerAnnounceNothing() throws Exception {
        String vote = "{\"type\":\"zen:event-type:article.vote_created\",\"id\":\"v1\",\"detail\":{\"id\":\"7\"}}";
        ZendeskGuideWebhooks guide = new ZendeskGuideWebhooks();

        assertThat(guide.domainEvents(guide.normalize(received("zendesk-guide", null, vote)))).isEmpty();
        ShopifyWebhooks shopify = new ShopifyWebhooks();
        assertThat(shopify.domainEvents(shopify.normalize(received("shopify", "products/update", "{\"id\":1}")))).isEmpty();
    }

    @Test
    void theSameDeliveryAnnouncesTheSameEventAndAnotherDeliveryAnotherOne() throws Exception {
        String body = Files.readString(Path.of("sandbox/zendesk/webhooks/ticket.status_changed.json"));
        ZendeskWebhooks mapper = new ZendeskWebhooks();

        String first = mapper.domainEvents(mapper.normalize(received("zendesk", null, body, "inv-1"))).get(0).id();
        String again = mapper.domainEvents(mapper.normalize(received("zendesk", null, body, "inv-1"))).get(0).id();
        String other = mapper.domainEvents(mapper.normalize(received("zendesk", null, body, "inv-2"))).get(0).id();

        assertThat(first).startsWith("evt_").isEqualTo(again).isNotEqualTo(other);
    }

    private DomainEvent single(WebhookMapper mapper, String source, String type, String sample) throws Exception {
        String body = Files.readString(Path.of("sandbox/" + sample + ".json"));
        List<DomainEvent> events = mapper.domainEvents(mapper.normalize(received(source, type, body)));
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private CanonicalEvent received(String source, String type, String body) throws Exception {
        return received(source, type, body, "delivery-1");
    }

    private CanonicalEvent received(String source, String type, String body, String id) throws Exception {
        return new CanonicalEvent(id, source, type, RECEIVED, RECEIVED, Map.of(), json.readTree(body));
    }
}
