package io.switchboard.input;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the hub accepts as an identifier, a text or a timestamp from outside, whoever sends it. Times are bounded to
 * the years 0001 to 9999 (RFC 3339's range, well inside what PostgreSQL's {@code timestamptz} and Java's
 * {@code Instant} hold); text has no NUL or other control character but tab and line breaks (PostgreSQL refuses
 * NUL in text, and the others forge log lines); an identifier has no control character at all and is short.
 */
public final class Inputs {

    /** The earliest and latest instants accepted: 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999999Z. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /** Longest identifier (path segment, id claim, key name) accepted. */
    public static final int MAX_IDENTIFIER = 256;

    /** A string shaped as a date-time (year, month, day, 'T'), whatever the year's sign and digits. */
    private static final Pattern DATE_TIME_SHAPE = Pattern.compile("[+-]?\\d{4,}-\\d{2}-\\d{2}[Tt].*", Pattern.DOTALL);
    private static final Pattern EPOCH = Pattern.compile("[0-9]{1,19}");

    private Inputs() {
    }

    /** True for text without NUL, other C0 or C1 control characters (tab, CR and LF allowed) or broken surrogates. */
    public static boolean isText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c >= 0x7f && c <= 0x9f) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == value.length()
                        || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** True for text on one line: no control character at all, tab and line breaks included. */
    public static boolean isLine(String value) {
        return isText(value) && value.chars().noneMatch(c -> c == '\t' || c == '\n' || c == '\r');
    }

    /** True for a non-empty identifier of at most {@link #MAX_IDENTIFIER} characters with no control character. */
    public static boolean isIdentifier(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_IDENTIFIER && isLine(value);
    }

    /** True for an instant between {@link #EARLIEST} and {@link #LATEST}. */
    public static boolean isStorable(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** True when the string looks like an RFC 3339 date-time, whether or not it is a valid or storable one. */
    public static boolean looksLikeDateTime(String value) {
        return value.length() >= 11 && DATE_TIME_SHAPE.matcher(value).matches();
    }

    /** An RFC 3339 date-time (in UTC, or with an offset) within the storable range, or empty. */
    public static Optional<Instant> instant(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            Instant instant = Instant.parse(value);
            return isStorable(instant) ? Optional.of(instant) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Unix time in seconds (digits only, as webhook headers carry it) within the storable range, or empty. */
    public static Optional<Instant> epochSeconds(String value) {
        return epoch(value, 1_000);
    }

    /** Unix time in milliseconds within the storable range, or empty. */
    public static Optional<Instant> epochMillis(String value) {
        return epoch(value, 1);
    }

    private static Optional<Instant> epoch(String value, long millisPerUnit) {
        if (value == null || !EPOCH.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            long millis = Math.multiplyExact(Long.parseLong(value), millisPerUnit);
            Instant instant = Instant.ofEpochMilli(millis);
            return isStorable(instant) ? Optional.of(instant) : Optional.empty();
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
