package io.switchboard.resilience;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.switchboard.model.Article;
import io.switchboard.model.Customer;
import io.switchboard.model.Order;
import io.switchboard.model.Product;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Caffeine caches that capability routes use through the {@code caffeine-cache} component (the component looks a
 * cache up by its name), with hit and miss counts in the metrics ({@code cache_gets_total{cache}}). Dynamic data
 * lives minutes, stable data hours ({@code switchboard.cache.<name>.ttl}).
 */
@Configuration(proxyBeanMethods = false)
public class Caches {

    @Bean("orderCache")
    Cache<String, Order> orderCache(@Value("${switchboard.cache.orders.ttl:5m}") Duration ttl,
                                    @Value("${switchboard.cache.orders.max-size:100000}") long maxSize,
                                    MeterRegistry metrics) {
        return cache("orders", ttl, maxSize, metrics);
    }

    @Bean("customerCache")
    Cache<String, Customer> customerCache(@Value("${switchboard.cache.customers.ttl:5m}") Duration ttl,
                                          @Value("${switchboard.cache.customers.max-size:100000}") long maxSize,
                                          MeterRegistry metrics) {
        return cache("customers", ttl, maxSize, metrics);
    }

    @Bean("productCache")
    Cache<String, Product> productCache(@Value("${switchboard.cache.products.ttl:6h}") Duration ttl,
                                        @Value("${switchboard.cache.products.max-size:100000}") long maxSize,
                                        MeterRegistry metrics) {
        return cache("products", ttl, maxSize, metrics);
    }

    @Bean("kbCache")
    Cache<String, List<Article>> kbCache(@Value("${switchboard.cache.kb.ttl:6h}") Duration ttl,
                                         @Value("${switchboard.cache.kb.max-size:10000}") long maxSize,
                                         MeterRegistry metrics) {
        return cache("kb", ttl, maxSize, metrics);
    }

    private static <V> Cache<String, V> cache(String name, Duration ttl, long maxSize, MeterRegistry metrics) {
        Cache<String, V> cache = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(maxSize)
                .recordStats()
                .build();
        return CaffeineCacheMetrics.monitor(metrics, cache, name);
    }
}
