package io.switchboard.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.resilience.CredentialRenewal;
import io.switchboard.resilience.TokenRefresh;
import io.switchboard.resilience.VendorBudgets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import io.switchboard.resilience.VendorRetries;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What every attempt of a vendor call does before it is sent, the first and each redelivery alike (the outbound
 * template's request route names it as a step and as its {@code onRedeliveryRef}): take a token of the vendor's
 * budget, then set the vendor's credential (fetched again after a renewal) and fixed headers, from its {@code credentials}
 * and {@code headers} settings.
 */
@Component("vendorAttempt")
public class VendorAttempt implements Processor, CredentialRenewal {

    /** Exchange property the template sets: the vendor being called. */
    public static final String VENDOR = "switchboardVendor";

    private final Map<String, VendorSettings> vendors;
    private final Map<String, Credentials> credentials = new ConcurrentHashMap<>();
    private final VendorBudgets budgets;

    public VendorAttempt(Environment environment, ObjectMapper json, VendorBudgets budgets) {
        this.vendors = VendorRegistrar.vendors(environment);
        this.budgets = budgets;
        vendors.forEach((vendor, settings) -> credentials.put(vendor, Credentials.of(settings.credentials(), json)));
    }

    /** One attempt's preparation: a token of the budget (chat before jobs), the credential, the fixed headers. */
    @Override
    public void process(Exchange exchange) throws InterruptedException {
        String vendor = exchange.getProperty(VENDOR, String.class);
        VendorRetries.attemptStarts(exchange);
        VendorSettings settings = vendors.get(vendor);
        budgets.acquire(exchange, vendor);
        settings.headers().forEach(exchange.getMessage()::setHeader);
        exchange.getMessage().setHeader("Accept", settings.headers().getOrDefault("Accept", "application/json"));
        String value = credentials.get(vendor).authorization();
        if (value != null) {
            exchange.getMessage().setHeader(settings.credentials().headerName(), value);
        }
    }

    @Override
    public boolean renew(String vendor) {
        if (credentials.get(vendor) instanceof TokenRefresh renewable) {
            renewable.refresh();
            return true;
        }
        return false;
    }
}
