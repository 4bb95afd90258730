package io.switchboard.connectors.woocommerce;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.switchboard.connectors.Credentials;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans the WooCommerce adapter routes name: its breaker and its REST API key credentials. */
@Configuration(proxyBeanMethods = false)
public class WooCommerceBeans {

    @Bean
    CircuitBreaker woocommerceBreaker(CircuitBreakerRegistry breakers) {
        return breakers.circuitBreaker("woocommerce");
    }

    /**
     * REST API key credentials as WooCommerce documents them for HTTPS: HTTP Basic with the consumer key as user
     * name and the consumer secret as password.
     */
    @Bean
    Credentials woocommerceCredentials(@Value("${switchboard.vendors.woocommerce.consumer-key:}") String consumerKey,
                                       @Value("${switchboard.vendors.woocommerce.consumer-secret:}") String consumerSecret) {
        return Credentials.basic(consumerKey, consumerSecret);
    }
}
