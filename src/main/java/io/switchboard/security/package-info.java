/** Who is calling: JWT authentication of the chat backend, scopes, and the caller handed to routes. */
package io.switchboard.security;
