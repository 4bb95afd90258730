/**
 * Chat API wiring that YAML routes should not hold: request ids, the closed set of error codes and their
 * RFC 9457 problem+json rendering.
 */
package io.switchboard.api;
