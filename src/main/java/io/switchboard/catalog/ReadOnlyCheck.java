package io.switchboard.catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves at startup that the catalog's login cannot write: in a transaction that is always rolled back, it updates
 * no row of each catalog table (privileges are checked all the same) and expects the database to refuse
 * ({@code 42501} insufficient privilege, or {@code 25006} on a read-only server such as a standby). A write that goes
 * through stops the hub; a catalog that cannot be reached is logged (products are 503 until it is back).
 */
final class ReadOnlyCheck {

    private static final Logger log = LoggerFactory.getLogger(ReadOnlyCheck.class);
    private static final String[] PROBES = {
        "UPDATE catalog.products SET sku = sku WHERE false",
        "UPDATE catalog.inventory SET sku = sku WHERE false",
    };
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String READ_ONLY_TRANSACTION = "25006";

    private final CatalogDatabase database;

    ReadOnlyCheck(CatalogDatabase database) {
        this.database = database;
    }

    void run() {
        try (Connection connection = database.connect()) {
            for (String probe : PROBES) {
                String refusal = attempt(connection, probe);
                if (refusal == null) {
                    throw new IllegalStateException("The catalog's login can write (" + database.describe()
                            + ": '" + probe + "' was allowed); give switchboard.catalog.datasource a login with "
                            + "SELECT only");
                }
            }
            log.info("Catalog read-only check passed: {} cannot write (the database refused an update)",
                    database.describe());
        } catch (SQLException failed) {
            log.warn("Catalog read-only check could not be done ({}): {}", database.describe(), failed.getMessage());
        }
    }

    /** The SQLState the database refused the write with, or null when it was allowed (and rolled back). */
    private static String attempt(Connection connection, String probe) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(probe);
            return null;
        } catch (SQLException refused) {
            if (INSUFFICIENT_PRIVILEGE.equals(refused.getSQLState())
                    || READ_ONLY_TRANSACTION.equals(refused.getSQLState())) {
                return refused.getSQLState();
            }
            throw refused;
        } finally {
            connection.rollback();
        }
    }
}
