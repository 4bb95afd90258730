/** Confluence Cloud: CQL search mapping and credentials for the kb.search adapter in routes/connectors/confluence/. */
package io.switchboard.connectors.confluence;
