package io.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.support.HubTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;

/**
 * The shared token bucket in PostgreSQL: its size, chat requests before background jobs, the vendors' rate headers
 * lowering it. (Two instances drawing on one budget: TwoInstancesTest.)
 */
@HubTest
class VendorBudgetsTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    /** A vendor of its own per test, 2 requests a second, a bucket of 2 seconds (4 tokens), half kept for chat. */
    private VendorBudgets budgets(String vendor) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("switchboard.vendors." + vendor + ".requests-per-second", "2");
        return new VendorBudgets(jdbc, environment, new BudgetProperties(2, 0.5, Duration.ofMillis(100)),
                new SimpleMeterRegistry());
    }

    @Test
    void aFullBucketGivesItsSizeAtOnceThenNothing() {
        String vendor = "test-" + UUID.randomUUID();
        VendorBudgets budgets = budgets(vendor);

        int taken = 0;
        while (taken < 10 && budgets.tryAcquire(vendor, true)) {
            taken++;
        }

        assertThat(taken).isEqualTo(4);
    }

    @Test
    void backgroundJobsLeaveTheReserveToChatRequests() {
        String vendor = "test-" + UUID.randomUUID();
        VendorBudgets budgets = budgets(vendor);

        int background = 0;
        while (background < 10 && budgets.tryAcquire(vendor, false)) {
            background++;
        }
        int chat = 0;
        while (chat < 10 && budgets.tryAcquire(vendor, true)) {
            chat++;
        }

        assertThat(background).isEqualTo(2);   // 4 → 2: the next would leave less than half
        assertThat(chat).isEqualTo(2);
    }

    @Test
    void theVendorsCountOfCallsLeftLowersTheBudget() {
        String vendor = "test-" + UUID.randomUUID();
        VendorBudgets budgets = budgets(vendor);
        assertThat(budgets.tryAcquire(vendor, true)).isTrue();

        budgets.lowerTo(vendor, 0);

        assertThat(budgets.tryAcquire(vendor, true)).isFalse();
    }

    @Test
    void readsEachVendorsRateHeaders() {
        assertThat(VendorBudgets.remaining("hubspot", Map.of("X-HubSpot-RateLimit-Remaining", "97"))).isEqualTo(97);
        assertThat(VendorBudgets.remaining("zendesk", Map.of("x-rate-limit-remaining", "12"))).isEqualTo(12);
        assertThat(VendorBudgets.remaining("shopify", Map.of("X-Shopify-Shop-Api-Call-Limit", "32/40"))).isEqualTo(8);
        assertThat(VendorBudgets.remaining("salesforce", Map.of("Sforce-Limit-Info", "api-usage=18/15000")))
                .isEqualTo(14982);
        assertThat(VendorBudgets.remaining("hubspot", Map.of())).isNull();
        assertThat(VendorBudgets.remaining("shopify", Map.of("X-Shopify-Shop-Api-Call-Limit", "lots"))).isNull();
    }

    @Test
    void aChatRequestIsOneThatCameInOverHttp() {
        Exchange job = new DefaultExchange(camel);
        Exchange chat = new DefaultExchange(camel);
        chat.getExchangeExtension().setFromEndpoint(camel.getEndpoint("platform-http:/api/v1/orders/1001"));

        assertThat(VendorBudgets.isChatRequest(chat)).isTrue();
        assertThat(VendorBudgets.isChatRequest(job)).isFalse();
    }
}
