package io.switchboard.model;

/** An amount as a decimal string (never a float) with its ISO 4217 currency. */
public record Money(String amount, String currency) {
}
