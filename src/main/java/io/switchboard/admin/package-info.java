/** Operators' API ({@code /admin/**}, admin API key): dead-lettered webhook events, listed and replayed. */
package io.switchboard.admin;
