package dev.governor.internal;

import dev.governor.runtime.Subject;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprint stored with an idempotency key: a 64-bit hash of the request's subject,
 * capability and amount (not its timestamp), the same in every engine and JVM, so a key reused for
 * a different request is told apart from a retry. FNV-1a over a length-prefixed encoding, so
 * different requests cannot share an encoding. Stateless and thread-safe.
 */
final class Fingerprints {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private Fingerprints() {}

  static long of(Subject subject, String capabilityId, long amount) {
    long h = OFFSET;
    if (subject.byEntityIds()) {
      h = mix(h, 'E');
      h = mix(h, subject.entityIds().size());
      for (String id : subject.entityIds()) {
        h = text(h, id);
      }
    } else {
      h = mix(h, 'D');
      h = mix(h, subject.dimensions().size());
      // Sorted: a map's iteration order is not part of the request.
      for (Map.Entry<String, String> d : new TreeMap<>(subject.dimensions()).entrySet()) {
        h = text(h, d.getKey());
        h = text(h, d.getValue());
      }
    }
    h = text(h, capabilityId);
    return mix(mix(h, (int) (amount >>> 32)), (int) amount);
  }

  /** A reserve's fingerprint: the request's, its estimate and its TTL. */
  static long ofReserve(Subject subject, String capabilityId, long estimate, long ttlMillis) {
    long h = mix(of(subject, capabilityId, estimate), 'R');
    return mix(mix(h, (int) (ttlMillis >>> 32)), (int) ttlMillis);
  }

  private static long text(long h, String s) {
    h = mix(h, s.length());
    for (int i = 0; i < s.length(); i++) {
      h = mix(h, s.charAt(i));
    }
    return h;
  }

  private static long mix(long h, int value) {
    for (int shift = 0; shift < 32; shift += 8) {
      h ^= (value >>> shift) & 0xff;
      h *= PRIME;
    }
    return h;
  }
}
