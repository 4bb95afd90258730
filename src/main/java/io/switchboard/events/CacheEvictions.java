package io.switchboard.events;

import com.github.benmanes.caffeine.cache.Cache;
import io.switchboard.model.Customer;
import io.switchboard.model.Order;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Keeps every instance's caches coherent: an eviction published on the Artemis topic
 * {@code switchboard.cache.evictions} is applied by each instance's own subscriber. Body {@code order:<number>}: the
 * order; {@code customer:<id>}: the customer and their orders (an erased customer leaves nothing in any cache);
 * {@code orders:*}: every order; {@code kb:*}: every knowledge base answer (an article changed).
 */
@Component
public class CacheEvictions extends RouteBuilder {

    public static final String TOPIC = "switchboard.cache.evictions";
    private static final String CUSTOMER = "customer:";
    /** The eviction of every order (a shop's data erased). */
    public static final String ALL_ORDERS = "orders:*";
    /** The eviction of every cached knowledge base answer. */
    public static final String ALL_KB_ANSWERS = "kb:*";

    private final Cache<String, Order> orderCache;
    private final Cache<String, Customer> customerCache;
    private final Cache<String, ?> kbCache;

    public CacheEvictions(@Qualifier("orderCache") Cache<String, Order> orderCache,
                          @Qualifier("customerCache") Cache<String, Customer> customerCache,
                          @Qualifier("kbCache") Cache<String, ?> kbCache) {
        this.orderCache = orderCache;
        this.customerCache = customerCache;
        this.kbCache = kbCache;
    }

    /** The eviction of a customer's entries. */
    public static String customer(String customerId) {
        return CUSTOMER + customerId;
    }

    @Override
    public void configure() {
        from("jms:topic:" + TOPIC + "?consumerType=Simple")
                .routeId("cache-evictions")
                .process(exchange -> evict(exchange.getMessage().getBody(String.class)));
    }

    void evict(String key) {
        if (key != null && key.startsWith("order:")) {
            orderCache.invalidate(key.substring("order:".length()));
        } else if (ALL_ORDERS.equals(key)) {
            orderCache.invalidateAll();
        } else if (ALL_KB_ANSWERS.equals(key)) {
            kbCache.invalidateAll();
        } else if (key != null && key.startsWith(CUSTOMER)) {
            String customerId = key.substring(CUSTOMER.length());
            customerCache.invalidate(customerId);
            orderCache.asMap().values().removeIf(order -> customerId.equals(order.customerId()));
        }
    }
}
