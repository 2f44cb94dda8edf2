package dev.governor.spi;

/**
 * An idempotency key to claim in the same atomic step as the add it guards, with a fingerprint of
 * the request it belongs to. A key found claimed with the same fingerprint is a duplicate; with
 * another fingerprint, a conflict (the key was reused for a different request). Immutable.
 *
 * @param key the caller's key (per owner; consume and ingest share the key space)
 * @param fingerprint a hash of the request (subject, capability, amount), the same in every engine
 * @param expiresAtMillis until when the claim holds (the engine's now plus its retention); a claim
 *     past it counts as absent
 */
public record IdempotencyClaim(String key, long fingerprint, long expiresAtMillis) {}
