package io.switchboard.model;

import java.time.Instant;

/**
 * A help article found by {@code kb.search}. {@code snippet} is plain text: any HTML of the vendor's is gone.
 *
 * @param source the knowledge base it came from ({@code zendesk-guide}, {@code confluence})
 */
public record Article(String id, String title, String snippet, String url, Instant updatedAt, String source) {
}
