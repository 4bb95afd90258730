package io.switchboard.resilience;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.stereotype.Component;

/**
 * How camel-http builds its client for vendor calls: without Apache HttpClient's own automatic retries (which
 * would silently wait out a vendor's Retry-After inside our timeout). Retrying is the resilience chain's
 * decision, visible in the routes.
 */
@Component("vendorHttpClient")
public class VendorHttpClient implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries();
    }
}
