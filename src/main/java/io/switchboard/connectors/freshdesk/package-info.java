/** Freshdesk API v2: ticket mapping and API-key credentials for routes/connectors/freshdesk/. */
package io.switchboard.connectors.freshdesk;
