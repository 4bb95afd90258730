/**
 * The helpdesk capability, whichever vendor serves it: the ticket endpoint's checks and the transcript's sentiment,
 * and the ticket ledger that gives a conversation asked again the same ticket.
 */
package io.switchboard.helpdesk;
