package dev.governor.storage.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The idempotency keys one owner claimed: bounded in number, each kept for the retention window as
 * measured by the engine's clock. Claims and lookups happen under the key's stripe lock, which is
 * what makes "look up, then claim together with the add" atomic; the cache itself is thread-safe.
 */
final class IdempotencyKeys {
  private final Cache<String, Boolean> keys;

  IdempotencyKeys(LedgerSettings settings) {
    Clock clock = settings.clock;
    keys = Caffeine.newBuilder()
        .maximumSize(settings.maxKeysPerOwner)
        .expireAfterWrite(settings.retention)
        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
        .executor(Runnable::run)
        .build();
  }

  boolean isClaimed(String key) {
    return keys.getIfPresent(key) != null;
  }

  void claim(String key) {
    keys.put(key, Boolean.TRUE);
  }

  void release(String key) {
    keys.invalidate(key);
  }

  long size() {
    keys.cleanUp();
    return keys.estimatedSize();
  }
}
