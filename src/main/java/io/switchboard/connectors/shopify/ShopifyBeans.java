package io.switchboard.connectors.shopify;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the Shopify adapter route names. */
@Configuration(proxyBeanMethods = false)
public class ShopifyBeans {

    @Bean
    CircuitBreaker shopifyBreaker(CircuitBreakerRegistry breakers) {
        return breakers.circuitBreaker("shopify");
    }
}
