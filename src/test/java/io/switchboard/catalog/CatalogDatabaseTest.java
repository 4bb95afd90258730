package io.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.errors.ApiException;
import io.switchboard.model.Product;
import io.switchboard.support.HubTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The catalog as a database of its own: a second PostgreSQL database in the embedded server, read with a login
 * that can only read; the startup check proves that login cannot write and stops a login that can.
 */
@HubTest
@ExtendWith(OutputCaptureExtension.class)
class CatalogDatabaseTest {

    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

    private static final String DATABASE = "shop_catalog";
    private static final String READER = "shop_catalog_reader";
    private static final String WRITER = "shop_catalog_writer";

    @Autowired
    DataSource hubDatabase;

    private static String catalogUrl;

    @BeforeAll
    static void secondDatabase(@Autowired DataSource hubDatabase) throws Exception {
        JdbcTemplate hub = new JdbcTemplate(hubDatabase);
        hub.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        hub.execute("DROP ROLE IF EXISTS " + READER);
        hub.execute("DROP ROLE IF EXISTS " + WRITER);
        hub.execute("CREATE DATABASE " + DATABASE);
        hub.execute("CREATE ROLE " + READER + " LOGIN PASSWORD 'reader-test-only'");
        hub.execute("CREATE ROLE " + WRITER + " LOGIN PASSWORD 'writer-test-only'");
        String hubUrl = hubDatabase.unwrap(HikariDataSource.class).getJdbcUrl();
        // the hub's URL names its login (?user=postgres), which would win over the catalog's: without it
        catalogUrl = hubUrl.replaceFirst("/postgres(\\?.*)?$", "/" + DATABASE);
        HikariDataSource admin = hubDatabase.unwrap(HikariDataSource.class);
        try (Connection owner = DriverManager.getConnection(catalogUrl, admin.getUsername(), admin.getPassword());
             Statement ddl = owner.createStatement()) {
            ddl.execute("CREATE SCHEMA catalog");
            ddl.execute("CREATE TABLE catalog.products (sku text PRIMARY KEY, name text NOT NULL, price numeric(12,2)"
                    + " NOT NULL, currency char(3) NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())");
            ddl.execute("CREATE TABLE catalog.inventory (sku text PRIMARY KEY REFERENCES catalog.products (sku),"
                    + " on_hand integer NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())");
            ddl.execute("INSERT INTO catalog.products (sku, name, price, currency) VALUES"
                    + " ('SHOP-LAMP-1', 'Desk lamp', 39.90, 'EUR')");
            ddl.execute("INSERT INTO catalog.inventory (sku, on_hand) VALUES ('SHOP-LAMP-1', 3)");
            ddl.execute("GRANT USAGE ON SCHEMA catalog TO " + READER + ", " + WRITER);
            ddl.execute("GRANT SELECT ON ALL TABLES IN SCHEMA catalog TO " + READER);
            ddl.execute("GRANT SELECT, UPDATE ON ALL TABLES IN SCHEMA catalog TO " + WRITER);
        }
    }

    @Test
    void readsTheSecondDatabaseWithItsReadOnlyLoginAfterTheCheckPassed(CapturedOutput output) throws Exception {
        CatalogDatabase catalog = new CatalogDatabase(hubDatabase, METERS, settings(catalogUrl, READER, "reader-test-only"));
        try {
            Product lamp = new CatalogReader(catalog).product("SHOP-LAMP-1");

            assertThat(lamp.name()).isEqualTo("Desk lamp");
            assertThat(lamp.available()).isTrue();
            assertThat(catalog.jdbc().queryForObject("SELECT current_database() || ' ' || current_user", String.class))
                    .isEqualTo(DATABASE + " " + READER);
            assertThat(output).contains("Catalog read-only check passed").contains("login " + READER)
                    .doesNotContain("reader-test-only");
            // what the check saw, the database itself refuses even outside the pool's read-only transactions
            try (Connection direct = catalog.connect(); Statement write = direct.createStatement()) {
                assertThatThrownBy(() -> write.executeUpdate("UPDATE catalog.products SET price = 0"))
                        .hasMessageContaining("permission denied");
            }
            assertThatThrownBy(() -> new CatalogReader(catalog).product("IPOD2008GREEN"))
                    .isInstanceOf(ApiException.class);   // the hub's sandbox catalog is not this one
        } finally {
            catalog.destroy();
        }
    }

    @Test
    void aQueryLongerThanTheStatementTimeoutIsCutOff() throws Exception {
        CatalogDatabase catalog = new CatalogDatabase(hubDatabase, METERS, settings(catalogUrl, READER, "reader-test-only"));
        try {
            assertThatThrownBy(() -> catalog.jdbc().queryForObject("SELECT pg_sleep(5)", Object.class))
                    .isInstanceOf(DataAccessException.class).hasMessageContaining("statement timeout");
        } finally {
            catalog.destroy();
        }
    }

    @Test
    void aLoginThatCanWriteStopsTheStartup() {
        assertThatThrownBy(() -> new CatalogDatabase(hubDatabase, METERS, settings(catalogUrl, WRITER, "writer-test-only")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("can write").hasMessageContaining(WRITER).hasMessageNotContaining("writer-test-only");
    }

    @Test
    void anUnreachableCatalogIsLoggedAndDoesNotStopTheStartup(CapturedOutput output) throws Exception {
        CatalogDatabase catalog = new CatalogDatabase(hubDatabase, METERS, settings("jdbc:postgresql://127.0.0.1:1/" + DATABASE
                + "?connectTimeout=2", READER, "reader-test-only"));
        try {
            assertThat(output).contains("Catalog read-only check could not be done");
            assertThatThrownBy(() -> catalog.jdbc().queryForObject("SELECT 1", Integer.class))
                    .isInstanceOf(DataAccessException.class);
        } finally {
            catalog.destroy();
        }
    }

    private static CatalogProperties settings(String url, String username, String password) {
        return new CatalogProperties(new CatalogProperties.Datasource(url, username, password, null, 2,
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(2), true));
    }
}
