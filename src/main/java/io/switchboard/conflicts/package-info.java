/**
 * Conflict resolution for data the hub keeps in step with several systems: a local record of each field (value,
 * source, the source's own timestamp), rules per data type and field ({@code switchboard.conflicts.<type>.<field>}:
 * last-write-wins, a source-of-truth priority, or manual review), and the review queue operators resolve through
 * {@code /admin/conflicts}.
 */
package io.switchboard.conflicts;
