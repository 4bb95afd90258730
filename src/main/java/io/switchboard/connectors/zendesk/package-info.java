/** Zendesk Support API v2: ticket mapping and API-token credentials for routes/connectors/zendesk/. */
package io.switchboard.connectors.zendesk;
