package dev.governor.storage.redis;

import dev.governor.spi.BudgetSet;
import java.util.Arrays;

/**
 * The argument list of one script call under construction. A 64-bit value goes as two exact parts
 * ({@code hi = v >>> 32}, {@code lo = v & 0xFFFFFFFF}) because Lua numbers are doubles; versions
 * and times, which stay below 2^53, go whole. Not thread-safe: one per call.
 */
final class Args {
  /** Largest magnitude a Lua number holds exactly. */
  static final long EXACT = 1L << 53;

  private String[] items;
  private int size;

  Args(String operation, int capacity) {
    items = new String[Math.max(capacity, 4)];
    items[size++] = operation;
  }

  Args add(String s) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size++] = s;
    return this;
  }

  Args add(long v) {
    return add(Long.toString(v));
  }

  /** A version or a time, which the script reads as one Lua number. */
  Args exact(String field, long v) {
    return add(checkExact(field, v));
  }

  /** {@code v}, checked to lie within ±2^53, where a Lua number (a double) holds it exactly. */
  static long checkExact(String field, long v) {
    if (v > EXACT || v < -EXACT) {
      throw new IllegalArgumentException(field + " " + v + " lies outside ±2^53, which a Redis script cannot hold exactly");
    }
    return v;
  }

  /** A non-negative 64-bit value as its two parts. */
  Args pair(long v) {
    return add(v >>> 32).add(v & 0xFFFFFFFFL);
  }

  /** A limit: {@link BudgetSet#UNLIMITED} as hi -1. */
  Args limit(long limit) {
    return limit == BudgetSet.UNLIMITED ? add("-1").add("0") : pair(limit);
  }

  String[] toArray() {
    return size == items.length ? items : Arrays.copyOf(items, size);
  }

  /** A value sent by {@link #pair}, back from the two integers of a reply. */
  static long join(Object hi, Object lo) {
    return ((Long) hi << 32) | (Long) lo;
  }
}
