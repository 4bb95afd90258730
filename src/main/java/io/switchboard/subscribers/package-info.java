/**
 * Outbound webhooks: subscribers (managed through {@code /admin/subscriptions}) receive the domain events of their
 * types from {@code switchboard.events}, signed with Standard Webhooks, at least once, retried on a schedule and
 * dead-lettered, an endpoint disabled after a run of failures.
 */
package io.switchboard.subscribers;
