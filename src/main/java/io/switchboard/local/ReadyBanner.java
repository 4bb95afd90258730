package io.switchboard.local;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Logs one ready-to-paste curl line, with a fresh token for the sandbox's demo customer, once the hub is up. */
@Component
@Profile("local")
public class ReadyBanner {

    private static final Logger log = LoggerFactory.getLogger(ReadyBanner.class);

    private final LocalTokens tokens;
    private final String customer;
    private final String scopes;

    public ReadyBanner(LocalTokens tokens,
                       @Value("${switchboard.local.demo.customer}") String customer,
                       @Value("${switchboard.local.demo.scopes}") String scopes) {
        this.tokens = tokens;
        this.customer = customer;
        this.scopes = scopes;
    }

    @EventListener
    public void ready(ApplicationReadyEvent event) {
        String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        String token = tokens.mint(customer, scopes, "verified", Duration.ofHours(12));
        log.info("Switchboard is ready. Try (token valid 12 h, for customer {}):\ncurl -s -H 'Authorization: Bearer {}' http://localhost:{}/api/v1/orders/1001",
                customer, token, port);
    }
}
