/**
 * The operators' console at {@code /console}: static HTML, CSS and JavaScript (no build step) under a strict
 * Content-Security-Policy, reading the admin API with the operator's API key, and the admin API's summaries it needs
 * (integrations, webhook and job deliveries) beside the existing dead-letter and API-key endpoints.
 */
package io.switchboard.console;
