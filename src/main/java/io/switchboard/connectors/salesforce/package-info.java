/**
 * Salesforce as a CRM, through camel-salesforce (its own OAuth login, REST API sObjects and SOQL): the component
 * built from {@code switchboard.vendors.salesforce.*}, SOQL with escaped literals, Contact and Task mapping for the
 * adapter routes in routes/connectors/salesforce/.
 */
package io.switchboard.connectors.salesforce;
