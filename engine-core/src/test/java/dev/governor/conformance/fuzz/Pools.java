package dev.governor.conformance.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The small id pools the fuzz draws from, so that requests keep hitting the same entities, types,
 * keys and capabilities and the catalog evolves; plus the victim owner's ids, which the fuzz probes
 * with on purpose.
 */
final class Pools {
  /** Entity ids of the fuzzed owner: plain ones, separators, and one of the maximum length. */
  static final List<String> ENTITIES = new ArrayList<>();
  /** The first few entities, used for scopes so that scoped budgets resolve. */
  static final List<String> SCOPES;
  static final List<String> TYPES = new ArrayList<>(Hostile.BASE_TYPES);
  static final List<String> KEYS = new ArrayList<>(Hostile.BASE_KEYS);
  static final List<String> CAPABILITIES = new ArrayList<>(Hostile.BASE_CAPABILITIES);
  static final List<String> METADATA_KEYS = IntStream.range(0, 10).mapToObj(i -> "m" + i).toList();
  static final List<String> VICTIM_ENTITIES = List.of(
      Hostile.VICTIM_MARK + "-org", Hostile.VICTIM_MARK + "-team", Hostile.VICTIM_MARK + "-user");

  static {
    IntStream.range(0, 24).forEach(i -> ENTITIES.add("e" + i));
    ENTITIES.add("a.b|c_d-e");
    ENTITIES.add("9lives");
    ENTITIES.add("l" + "x".repeat(254));
    SCOPES = List.copyOf(ENTITIES.subList(0, 8));
    IntStream.range(0, 4).forEach(i -> TYPES.add("fz-t" + i));
    IntStream.range(0, 6).forEach(i -> KEYS.add("fk" + i));
    IntStream.range(0, 2).forEach(i -> CAPABILITIES.add("fz-c" + i));
  }

  private Pools() {}

  /**
   * An idempotency key from a window of 40 that slides forward by one every 200 calls: each key is
   * sent again and again while in the window (so claims and duplicates are exercised), and fresh keys
   * keep coming (so a key wrongly claimed by a rejected call is caught when it is used next).
   */
  static String idempotencyKey(Hostile h, long calls) {
    return "i" + (calls / 200 + h.rnd.nextInt(40));
  }

  /** A fresh random UUID, a UUID of the fuzzed owner's, or one of the victim's. */
  static UUID uuid(Hostile h, List<UUID> own, List<UUID> victim) {
    int pick = h.rnd.nextInt(10);
    if (pick < 6 && !own.isEmpty()) {
      return h.oneOf(own);
    }
    if (pick < 8 && !victim.isEmpty()) {
      return h.oneOf(victim);
    }
    return new UUID(h.rnd.nextLong(), h.rnd.nextLong());
  }
}
