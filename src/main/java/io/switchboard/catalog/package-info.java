/**
 * The internal product catalog in PostgreSQL: read through a read-only role on a pool of its own, with a statement
 * timeout, and evicted from the cache when a row changes (LISTEN/NOTIFY).
 */
package io.switchboard.catalog;
