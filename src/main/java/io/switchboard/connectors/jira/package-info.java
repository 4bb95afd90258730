/** Jira Service Management Cloud: request and issue mapping and credentials for routes/connectors/jira/. */
package io.switchboard.connectors.jira;
