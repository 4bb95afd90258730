/** An in-house order system that pushes status changes as signed webhooks (the generic hmac scheme). */
package io.switchboard.connectors.orderstatus;
