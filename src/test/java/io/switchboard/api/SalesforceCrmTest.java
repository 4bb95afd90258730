package io.switchboard.api;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * switchboard.crm.provider=salesforce: the CRM capabilities from Salesforce's sandbox through camel-salesforce, its
 * own login included, and the same canonical customer as HubSpot's. One hub of its own serves both concerns, each a
 * nested class: what Salesforce serves ({@link SalesforceCrmCapabilities}) and how its failures are answered
 * ({@link SalesforceCrmFailures}).
 */
class SalesforceCrmTest {

    @TempDir
    static Path data;

    @BeforeAll
    static void startHub() {
        SalesforceCrmCase.startHub(data);
    }

    @AfterAll
    static void stopHub() {
        SalesforceCrmCase.stopHub();
    }

    @Nested
    class Capabilities extends SalesforceCrmCapabilities {
    }

    @Nested
    class Failures extends SalesforceCrmFailures {
    }
}
