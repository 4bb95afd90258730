package io.switchboard.conflicts;

import java.util.Map;
import java.util.Set;

/**
 * Where a data type's decided values go beyond the local record (the catalog for products). Called inside the
 * record's transaction, after the record is written: a failure rolls the record back, and a write that succeeded
 * before such a rollback is made again by the next attempt with the same values (targets write idempotently).
 */
public interface FieldTarget {

    /** The data type whose values this takes ({@code product}). */
    String dataType();

    /**
     * @param entityId the entity (a product's SKU)
     * @param changed  the fields whose value changed
     * @param record   every field of the entity as now recorded
     */
    void write(String entityId, Set<String> changed, Map<String, FieldValue> record);
}
