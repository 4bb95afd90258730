/** Zendesk Guide (Help Center) article search for the kb.search adapter in routes/connectors/zendesk-guide/. */
package io.switchboard.connectors.zendeskguide;
