package dev.governor.spi;

/**
 * What a reserve asks the store to record: a reservation of {@code estimate} on every budget of the
 * set, counting against their limits until {@code expiresAtMillis}. The store keeps the reservation's
 * record until {@code retentionMillis} after it expired or was closed, so that late settles and
 * retries still find it. Immutable.
 *
 * @param id the reservation's id, unique within the owner (derived from the idempotency key when
 *     there is one, so a retry names the same reservation)
 * @param capabilityId the capability, kept in the record
 * @param estimate the amount held, at least 1
 * @param createdAtMillis the decision time
 * @param expiresAtMillis when the hold stops counting
 * @param fingerprint the request's fingerprint: a second reserve with the same id and fingerprint is
 *     a DUPLICATE, with another a KEY_CONFLICT
 * @param retentionMillis how long the record outlives its expiry or its close
 * @param keyed true when the id was derived from an idempotency key: only then can a reservation
 *     with the same id exist already (a random 128-bit id is new), so a store may skip looking
 */
public record ReservationHold(String id, String capabilityId, long estimate, long createdAtMillis, long expiresAtMillis,
    long fingerprint, long retentionMillis, boolean keyed) {}
