/**
 * Chat API wiring that YAML routes should not hold: request ids on every request, the translation of failures into
 * problem+json answers (the errors themselves live in {@code io.switchboard.errors}).
 */
package io.switchboard.api;
