/**
 * The one-command local run (profile {@code local}, the default): embedded PostgreSQL, the WireMock vendor
 * sandbox, and a ready-to-paste curl line. Nothing here loads in {@code prod}.
 */
package io.switchboard.local;
