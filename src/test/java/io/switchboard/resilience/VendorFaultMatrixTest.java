package io.switchboard.resilience;

import io.switchboard.support.HubTest;
import io.switchboard.support.Tokens;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The fault matrix on the shared hub's providers: Shopify, HubSpot, Zendesk (helpdesk and Guide). */
@HubTest
class VendorFaultMatrixTest extends VendorFaultMatrix {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext hub;

    @Override
    int port() {
        return port;
    }

    @Override
    ApplicationContext hub() {
        return hub;
    }

    @Override
    List<Capability> capabilities() {
        return List.of(
                Capability.get("order", "shopify", Tokens.CUSTOMER, "/api/v1/orders/1001"),
                Capability.get("customer", "hubspot", Tokens.CUSTOMER, "/api/v1/customers/" + Tokens.CUSTOMER),
                Capability.ticket("zendesk"),
                Capability.kb("zendesk"),
                Capability.context("crm", "hubspot"),
                Capability.context("orders", "shopify"),
                Capability.context("helpdesk", "zendesk"));
    }
}
