/** Zoho CRM: its Contacts and Notes (REST API v7) as the canonical customer and CRM activity. */
package io.switchboard.connectors.zoho;
