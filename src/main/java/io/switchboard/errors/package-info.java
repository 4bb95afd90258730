/**
 * The errors the hub answers with, at the bottom of the package graph so that every layer may raise them: the
 * contract's closed set of error codes ({@code ErrorCode}), one sealed {@code ApiException} type per code, and their
 * RFC 9457 problem+json rendering ({@code Problems}).
 */
package io.switchboard.errors;
