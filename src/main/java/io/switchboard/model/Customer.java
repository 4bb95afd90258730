package io.switchboard.model;

import java.time.Instant;

/**
 * A customer as the CRM knows them, and as {@code GET /api/v1/customers/{customerId}} shows them (docs/api.md).
 *
 * @param id     the CRM's id, which is also the {@code sub} of the customer's tokens
 * @param tier   a service tier where the CRM keeps one
 * @param locale a BCP 47 language tag
 * @param crmUrl the record in the CRM's own UI, for agents
 */
public record Customer(String id, String name, String email, String phone, String tier, String locale, String crmUrl,
                       Instant updatedAt) {
}
