/** HubSpot CRM API v3: contact and note mapping for the adapter routes in routes/connectors/hubspot/. */
package io.switchboard.connectors.hubspot;
