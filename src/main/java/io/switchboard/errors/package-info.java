/**
 * The errors the hub answers with, at the bottom of the package graph so that every layer may raise them: the
 * contract's closed set of error codes and their RFC 9457 problem+json rendering.
 */
package io.switchboard.errors;
