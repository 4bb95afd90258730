package io.switchboard.events;

import com.github.benmanes.caffeine.cache.Cache;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Keeps every instance's caches coherent: an eviction published on the Artemis topic
 * {@code switchboard.cache.evictions} (body: {@code order:<number>}) is applied by each instance's own subscriber.
 */
@Component
public class CacheEvictions extends RouteBuilder {

    public static final String TOPIC = "switchboard.cache.evictions";

    private final Cache<String, ?> orderCache;

    public CacheEvictions(@Qualifier("orderCache") Cache<String, ?> orderCache) {
        this.orderCache = orderCache;
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
        }
    }
}
