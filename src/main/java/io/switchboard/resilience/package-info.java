/** Calling vendors safely: circuit breakers per integration and the translation of failures into typed errors. */
package io.switchboard.resilience;
