/** Startup checks on the operators' configuration contract (docs/api.md, "Configuration"). */
package io.switchboard.config;
