/** The CRM capability, whichever vendor serves it: the customer endpoints' checks. */
package io.switchboard.crm;
