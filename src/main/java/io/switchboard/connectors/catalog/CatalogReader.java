package io.switchboard.connectors.catalog;

import com.zaxxer.hikari.HikariDataSource;
import io.switchboard.api.ApiException;
import io.switchboard.model.Money;
import io.switchboard.model.Product;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads products from the internal catalog on a pool of its own (so a slow catalog cannot take the hub's
 * connections), as the read-only role, with a statement timeout, by parameterized queries only.
 */
@Component("catalogReader")
public class CatalogReader implements DisposableBean {

    private static final Pattern ROLE = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String PRODUCT = "SELECT p.sku, p.name, p.price, p.currency, COALESCE(i.on_hand, 0) AS on_hand,"
            + " GREATEST(p.updated_at, COALESCE(i.updated_at, p.updated_at)) AS updated_at"
            + " FROM catalog.products p LEFT JOIN catalog.inventory i ON i.sku = p.sku WHERE p.sku = ?";

    private final HikariDataSource pool;
    private final JdbcTemplate jdbc;

    public CatalogReader(DataSource hubDatabase, CatalogProperties properties) throws SQLException {
        if (!ROLE.matcher(properties.role()).matches()) {
            throw new IllegalStateException("switchboard.catalog.role is not a role name: " + properties.role());
        }
        HikariDataSource hub = hubDatabase.unwrap(HikariDataSource.class);
        pool = new HikariDataSource();
        pool.setJdbcUrl(hub.getJdbcUrl());
        pool.setUsername(hub.getUsername());
        pool.setPassword(hub.getPassword());
        pool.setPoolName("catalog");
        pool.setMaximumPoolSize(properties.poolSize());
        pool.setReadOnly(true);
        pool.setConnectionInitSql("SET ROLE " + properties.role() + "; SET statement_timeout = "
                + properties.statementTimeout().toMillis());
        jdbc = new JdbcTemplate(pool);
    }

    public Product product(String sku) {
        List<Product> found = jdbc.query(PRODUCT, (rs, n) -> new Product(
                rs.getString("sku"),
                rs.getString("name"),
                new Money(rs.getBigDecimal("price").toPlainString(), rs.getString("currency")),
                rs.getInt("on_hand") > 0,
                rs.getTimestamp("updated_at", java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC")))
                        .toInstant()), sku);
        if (found.isEmpty()) {
            throw ApiException.notFound("Product " + sku);
        }
        return found.get(0);
    }

    /** The catalog's own connections, for tests of the role and the timeout. */
    JdbcTemplate jdbc() {
        return jdbc;
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
