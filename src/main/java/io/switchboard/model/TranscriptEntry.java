package io.switchboard.model;

import java.time.Instant;

/** One turn of a conversation: who said it ({@code customer}, {@code assistant} or {@code agent}), what, when. */
public record TranscriptEntry(String role, String text, Instant at) {
}
