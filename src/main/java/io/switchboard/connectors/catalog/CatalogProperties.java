package io.switchboard.connectors.catalog;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code switchboard.catalog.*}: how the hub reads the internal catalog.
 *
 * @param poolSize         connections of the catalog's own pool
 * @param statementTimeout the longest a catalog query may run
 * @param role             the read-only database role every catalog connection takes (SELECT only)
 */
@ConfigurationProperties("switchboard.catalog")
public record CatalogProperties(
        @DefaultValue("4") int poolSize,
        @DefaultValue("2s") Duration statementTimeout,
        @DefaultValue("switchboard_catalog_reader") String role) {
}
