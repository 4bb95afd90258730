/**
 * What the hub says of its own state to the platform: readiness that follows the broker connection
 * ({@link io.switchboard.health.BrokerHealth}), and requests answered 503 until the hub has started
 * ({@link io.switchboard.health.StartupGate}).
 */
package io.switchboard.health;
