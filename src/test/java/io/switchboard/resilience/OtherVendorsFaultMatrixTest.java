package io.switchboard.resilience;

import io.switchboard.support.SwitchedHub;
import io.switchboard.support.Tokens;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The fault matrix on the other providers, on a hub of its own with the production time budget: WooCommerce,
 * Salesforce (through camel-salesforce, which logs in again on a 401), Jira Service Management (lookup, create and
 * label in a row) and Confluence.
 */
class OtherVendorsFaultMatrixTest extends VendorFaultMatrix {

    /** A Salesforce Contact of the sandbox: the customer id a Salesforce-backed hub knows. */
    private static final String CONTACT = "003Dp000001BobNAAS";

    @TempDir
    static Path data;
    private static ConfigurableApplicationContext hub;

    @BeforeAll
    void start() throws Exception {
        hub = SwitchedHub.start(data, "switchboard.orders.provider=woocommerce", "switchboard.crm.provider=salesforce",
                "switchboard.helpdesk.provider=jira", "switchboard.kb.provider=confluence",
                "switchboard.vendors.woocommerce.timeout-millis=2000",
                "switchboard.vendors.salesforce.timeout-millis=2000",
                "switchboard.vendors.jira.timeout-millis=2000",
                "switchboard.vendors.confluence.timeout-millis=2000",
                "switchboard.helpdesk.ticket-create.lookup-timeout-millis=700",
                "switchboard.helpdesk.ticket-create.create-timeout-millis=1300",
                "switchboard.helpdesk.ticket-create.label-timeout-millis=400");
        warmUp();   // the Salesforce login among the first calls
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Override
    int port() {
        return Integer.parseInt(hub.getEnvironment().getProperty("local.server.port"));
    }

    @Override
    ApplicationContext hub() {
        return hub;
    }

    @Override
    List<Capability> capabilities() {
        return List.of(
                Capability.get("order", "woocommerce", Tokens.CUSTOMER, "/api/v1/orders/1001"),
                Capability.get("customer", "salesforce", CONTACT, "/api/v1/customers/" + CONTACT),
                Capability.ticket("jira"),
                Capability.kb("confluence"),
                Capability.context("orders", "woocommerce"),
                Capability.context("helpdesk", "jira"));
    }
}
