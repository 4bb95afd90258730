/** HubSpot CRM API v3: contact mapping for the adapter routes in routes/connectors/hubspot/. */
package io.switchboard.connectors.hubspot;
