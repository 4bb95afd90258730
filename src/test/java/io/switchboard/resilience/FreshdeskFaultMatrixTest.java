package io.switchboard.resilience;

import io.switchboard.support.SwitchedHub;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The fault matrix on Freshdesk (ticket creation, the open tickets of the customer context), on a hub of its own with
 * the production time budget: the other hubs already serve the helpdesk from Zendesk and Jira.
 */
class FreshdeskFaultMatrixTest extends VendorFaultMatrix {

    @TempDir
    static Path data;
    private static ConfigurableApplicationContext hub;

    @BeforeAll
    void start() throws Exception {
        hub = SwitchedHub.start(data, "switchboard.helpdesk.provider=freshdesk",
                "switchboard.vendors.freshdesk.timeout-millis=2000",
                "switchboard.helpdesk.ticket-create.lookup-timeout-millis=700",
                "switchboard.helpdesk.ticket-create.create-timeout-millis=1300");
        warmUp();
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Override
    int port() {
        return SwitchedHub.port(hub);
    }

    @Override
    ApplicationContext hub() {
        return hub;
    }

    @Override
    List<Capability> capabilities() {
        return List.of(
                Capability.ticket("freshdesk"),
                Capability.context("helpdesk", "freshdesk"));
    }
}
