package dev.governor.storage.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.governor.spi.IdempotencyClaim;
import dev.governor.spi.LedgerRules;
import java.util.concurrent.TimeUnit;

/**
 * The idempotency keys one owner claimed, each with its request's fingerprint and the instant its
 * claim ends. Whether a claim holds is decided against the time of the call that asks (the engine's
 * clock), by {@link LedgerRules#holds}; the cache only bounds the number of keys and reclaims their
 * memory once their retention has passed in real time. Lookups and claims happen under the key's
 * stripe lock, which is what makes "look up, then claim together with the add" atomic; the cache
 * itself is thread-safe.
 */
final class IdempotencyKeys {
  /** A claimed key. */
  private record Claim(long fingerprint, long expiresAtMillis, long retentionNanos) {}

  private final Cache<String, Claim> keys;

  IdempotencyKeys(long maxKeys) {
    keys = Caffeine.newBuilder()
        .maximumSize(maxKeys)
        .expireAfter(new Expiry<String, Claim>() {
          @Override
          public long expireAfterCreate(String key, Claim claim, long currentTime) {
            return claim.retentionNanos();
          }

          @Override
          public long expireAfterUpdate(String key, Claim claim, long currentTime, long currentDuration) {
            return claim.retentionNanos();
          }

          @Override
          public long expireAfterRead(String key, Claim claim, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .executor(Runnable::run)
        .build();
  }

  /** How {@code key} relates to a request with {@code fingerprint} at {@code nowMillis}. */
  LedgerRules.KeyMatch match(String key, long fingerprint, long nowMillis) {
    Claim c = keys.getIfPresent(key);
    boolean holds = c != null && LedgerRules.holds(c.expiresAtMillis(), nowMillis);
    return LedgerRules.keyMatch(holds, holds ? c.fingerprint() : 0L, fingerprint);
  }

  /** Claims a key for a request until {@code expiresAtMillis}. */
  void claim(String key, long fingerprint, long expiresAtMillis, long nowMillis) {
    long retention = Math.max(1L, expiresAtMillis - nowMillis);
    keys.put(key, new Claim(fingerprint, expiresAtMillis, TimeUnit.MILLISECONDS.toNanos(retention)));
  }

  /** Claims {@code claim}. */
  void claim(IdempotencyClaim claim, long nowMillis) {
    claim(claim.key(), claim.fingerprint(), claim.expiresAtMillis(), nowMillis);
  }

  /** Claims the key of every event a batch recorded or, if a claim fails, none of them. */
  void claimRecorded(dev.governor.spi.IngestBatch batch, long now) {
    int done = 0;
    try {
      for (int e = 0; e < batch.size(); e++) {
        if (batch.claims(e)) {
          claim(batch.idempotencyKey(e), batch.fingerprint(e), batch.keyExpiresAtMillis(), now);
          done = e + 1;
        }
      }
    } catch (RuntimeException | Error failure) {
      for (int e = 0; e < done; e++) {
        if (batch.claims(e)) {
          release(batch.idempotencyKey(e));
        }
      }
      throw failure;
    }
  }

  /** Drops a claim (undoing a partly failed batch of claims). */
  void release(String key) {
    keys.invalidate(key);
  }

  /** The number of keys held (expired ones may still count until reclaimed). */
  long size() {
    keys.cleanUp();
    return keys.estimatedSize();
  }
}
