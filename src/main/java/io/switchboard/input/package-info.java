/**
 * The one place where what callers send is bounded before anything stores or reads it: identifiers, text and
 * timestamps ({@link io.switchboard.input.Inputs}), checked on every request's path, query and headers and on
 * every JSON body of the chat and admin APIs ({@link io.switchboard.input.RequestInputFilter},
 * {@link io.switchboard.input.JsonBodyFilter}), and by the webhook door and the token check for the values they
 * read themselves.
 */
package io.switchboard.input;
