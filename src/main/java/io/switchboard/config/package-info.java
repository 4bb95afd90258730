/** Startup checks on the operators' configuration contract (API.md, "Configuration"). */
package io.switchboard.config;
