/**
 * Webhook signature verification: one {@link io.switchboard.ingress.verification.SignatureScheme} per vendor scheme,
 * each checking the raw bytes of a delivery before anything parses them.
 */
package io.switchboard.ingress.verification;
