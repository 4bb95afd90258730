package io.switchboard.subscribers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.privacy.Consents;
import io.switchboard.support.HubTest;
import io.switchboard.support.PrivacyClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who gets outbound webhooks: a marketing subscriber is kept from customers without marketing consent while a support
 * subscriber is not, and subscriptions the contract does not allow (a URL that is not http, no or a malformed event
 * type, a weak secret, no name, no admin key) are refused with problems.
 */
@HubTest
class SubscriptionRulesTest extends SubscriberWebhooksCase {

    @Autowired
    Consents consents;

    @Test
    void aMarketingSubscriberGetsNothingAboutACustomerWithoutMarketingConsent() throws Exception {
        String customer = "cust-mkt-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode marketing = create("{\"name\":\"campaigns\",\"url\":\"" + hookUrl() + "?m=1\","
                + "\"eventTypes\":[\"inquiry.received\"],\"marketing\":true}");
        JsonNode support = create("{\"name\":\"support\",\"url\":\"" + hookUrl() + "?m=0\","
                + "\"eventTypes\":[\"inquiry.received\"]}");
        String withheld = "conv-mkt-no-" + UUID.randomUUID();

        new PrivacyClient(port, ADMIN_KEY).message(customer, withheld, "no consent");

        awaitDeliveries(withheld, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> delivered(marketing.path("id").asText(), "withheld") == 1);
        assertThat(deliveries(withheld)).hasSize(1);
        assertThat(delivered(support.path("id").asText(), "delivered")).isEqualTo(1);

        consents.record(customer, false, false, true, "test");
        String consented = "conv-mkt-yes-" + UUID.randomUUID();
        new PrivacyClient(port, ADMIN_KEY).message(customer, consented, "consent");

        assertThat(awaitDeliveries(consented, 2)).hasSize(2);
    }

    @Test
    void badSubscriptionsAreRefusedWithProblems() throws Exception {
        for (String body : List.of("{\"name\":\"x\",\"url\":\"ftp://example.com/\",\"eventTypes\":[\"order.shipped\"]}",
                "{\"name\":\"x\",\"url\":\"" + hookUrl() + "\",\"eventTypes\":[]}",
                "{\"name\":\"x\",\"url\":\"" + hookUrl() + "\",\"eventTypes\":[\"Order Shipped\"]}",
                "{\"name\":\"x\",\"url\":\"" + hookUrl() + "\",\"eventTypes\":[\"order.shipped\"],\"secret\":\"s3cr3t\"}",
                "{\"name\":\"\",\"url\":\"" + hookUrl() + "\",\"eventTypes\":[\"order.shipped\"]}")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/admin/subscriptions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
            assertThat(response.body()).doesNotContain("s3cr3t");
        }
        assertThat(send(HttpRequest.newBuilder(uri("/admin/subscriptions/sub_nope")).GET()).statusCode())
                .isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/admin/subscriptions")).header("X-Api-Key", "wrong").GET())
                .statusCode()).isEqualTo(401);
    }
}
