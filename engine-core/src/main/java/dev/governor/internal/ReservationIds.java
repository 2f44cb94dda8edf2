package dev.governor.internal;

import dev.governor.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reservation ids: 32 lowercase hexadecimal digits. For a reserve without an idempotency key, the
 * engine's own number: 16 digits of a random salt drawn when the engine starts, then 16 of a
 * sequence starting at a random point (unique across engines without coordination; not secret: an
 * owner's reservations are visible to whoever may act for the owner). Numbered, because the ids one
 * engine makes then follow each other, and a store may keep their records by sequence, side by
 * side in memory, rather than scattered by a hash. With a key, derived from the key, so that a retry
 * names the same reservation whichever engine takes it. Thread-safe.
 */
final class ReservationIds {
  static final int LENGTH = 32;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final long salt;
  private final AtomicLong sequence;

  ReservationIds() {
    SecureRandom random = new SecureRandom();
    this.salt = random.nextLong();
    this.sequence = new AtomicLong(random.nextLong());
  }

  /** The next id of this engine's sequence. */
  String next() {
    return hex(salt, sequence.getAndIncrement());
  }

  /** A SHA-256 digest per thread: looking one up among the security providers costs more than the digest. */
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  });

  /** The id a reserve with idempotency key {@code key} gets: the first 128 bits of SHA-256 over it. */
  static String ofKey(String key) {
    MessageDigest sha = SHA_256.get();
    sha.reset();
    byte[] d = sha.digest(("governor-reservation:" + key).getBytes(StandardCharsets.UTF_8));
    long hi = 0L;
    long lo = 0L;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (d[i] & 0xff);
      lo = (lo << 8) | (d[i + 8] & 0xff);
    }
    return hex(hi, lo);
  }

  /**
   * The cheap part of {@link #require}, run before a lookup: not null, and 32 characters (so it stays
   * within one owner's keys in any store). Only ids the engine made are ever kept, so an id a record
   * answers to is well formed; the full check runs when none does.
   */
  static String requireShape(String id) {
    if (id == null) {
      throw ValidationException.of(-1, "reservationId", "must not be null");
    }
    if (id.length() != LENGTH) {
      require(id);
    }
    return id;
  }

  /** The id, checked: 32 lowercase hexadecimal digits. */
  static String require(String id) {
    if (id == null) {
      throw ValidationException.of(-1, "reservationId", "must not be null");
    }
    boolean ok = id.length() == LENGTH;
    for (int i = 0; ok && i < LENGTH; i++) {
      char c = id.charAt(i);
      ok = (char) (c - '0') <= 9 || (char) (c - 'a') <= 5;
    }
    if (!ok) {
      throw new ValidationException("reservationId", id, "must be 32 lowercase hexadecimal digits, as reserve returned it");
    }
    return id;
  }

  private static String hex(long hi, long lo) {
    char[] out = new char[LENGTH];
    for (int i = 0; i < 16; i++) {
      out[i] = HEX[(int) (hi >>> (60 - 4 * i)) & 0xf];
      out[16 + i] = HEX[(int) (lo >>> (60 - 4 * i)) & 0xf];
    }
    return new String(out);
  }
}
