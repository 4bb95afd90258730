package io.switchboard.connectors;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Vendors' timestamps to instants: RFC 3339 ({@code 2026-10-14T12:30:00Z}, {@code ...+02:00}) and Atlassian's
 * offset without a colon ({@code 2015-10-08T14:01:00.000+0700}). Unreadable or absent is null: a timestamp is
 * never worth failing an answer for.
 */
public final class Timestamps {

    private static final DateTimeFormatter ATLASSIAN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private Timestamps() {
    }

    public static Instant parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (DateTimeFormatter format : new DateTimeFormatter[] {DateTimeFormatter.ISO_OFFSET_DATE_TIME, ATLASSIAN}) {
            try {
                return OffsetDateTime.parse(text.trim(), format).toInstant();
            } catch (DateTimeParseException unreadable) {
                // the next format
            }
        }
        return null;
    }
}
