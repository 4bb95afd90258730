/**
 * Reactions: what the hub does when a domain event happens (a CRM activity, a helpdesk comment, a notification,
 * a cache eviction), each one a job of its own per event, idempotent by event id and reaction name, with the jobs'
 * retries and dead letters. The routes are in routes/reactions/; which event types each serves is in
 * routes/events/reactions.camel.yaml.
 */
package io.switchboard.reactions;
