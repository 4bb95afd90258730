/**
 * The orders capability, whichever vendor serves it: the order endpoint's checks; order cancellation: whether an
 * order may still be cancelled, the record of the cancellations asked for (PostgreSQL, one per order), the job that
 * carries them out and the events that report their outcome.
 * Shipping address changes: unfulfilled orders only, the address sealed until its job has the order platform apply it.
 */
package io.switchboard.orders;
