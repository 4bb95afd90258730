package io.switchboard.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.catalog.*}: how the hub reads the internal catalog.
 *
 * @param datasource the catalog's own database and login
 */
@ConfigurationProperties("switchboard.catalog")
public record CatalogProperties(@DefaultValue Datasource datasource) {

    /**
     * {@code switchboard.catalog.datasource.*}: the catalog database, a server of its own in production.
     *
     * @param url                JDBC URL of the catalog database; blank: the hub's own database
     *                           ({@code spring.datasource.*}), as in the local run
     * @param username           a login that can only read (SELECT on the catalog's tables); blank with a blank
     *                           url: the hub's login
     * @param password           its password, from the environment
     * @param role               a role every connection takes ({@code SET ROLE}) before reading; blank:
     *                           {@code switchboard_catalog_reader} (SELECT only) on the hub's own database, none on
     *                           a database of its own (the login itself is read-only)
     * @param poolSize           connections of the catalog's own pool
     * @param statementTimeout   the longest a catalog query may run
     * @param validationTimeout  the longest a check that a pooled connection is alive may take
     * @param keepaliveTime      how often idle connections are checked (so that a dropped one is replaced before use)
     * @param checkReadOnly      at startup, try a write in a rolled-back transaction and stop the hub unless the
     *                           database refuses it
     */
    public record Datasource(
            String url,
            String username,
            String password,
            String role,
            @DefaultValue("4") int poolSize,
            @DefaultValue("2s") Duration statementTimeout,
            @DefaultValue("1s") Duration validationTimeout,
            @DefaultValue("2m") Duration keepaliveTime,
            @DefaultValue("true") boolean checkReadOnly) {

        public boolean ownDatabase() {
            return url != null && !url.isBlank();
        }
    }
}
