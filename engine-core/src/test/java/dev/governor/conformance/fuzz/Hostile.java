package dev.governor.conformance.fuzz;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Random and adversarial values for the fuzz, from one seeded random: mostly plausible values from
 * small pools (so that requests hit existing state and the catalog evolves), often replaced by
 * hostile ones: empty, 10,000-character and non-ASCII strings, separators and control characters,
 * nulls, extreme numbers, malformed cadences and cursors. No generated value ever contains the
 * letter {@code Q}: the victim owner's ids and secrets do, so any {@code Q}-marked text in a response
 * the fuzz did not put in a request is a leak. Not thread-safe.
 */
final class Hostile {
  /** Marks every id and secret of the victim owner; never produced by this generator. */
  static final String VICTIM_MARK = "Qv1ctimQ";

  static final List<String> BASE_TYPES = List.of("org", "team", "user", "model");
  static final List<String> BASE_KEYS = List.of("orgId", "teamId", "userId", "modelId");
  static final List<String> BASE_CAPABILITIES = List.of("ai-tokens", "api-calls");

  private static final String LONG_ID = "l" + "x".repeat(254);
  private static final String TEN_K = "a".repeat(10_000);
  private static final List<String> WEIRD = List.of(
      "", " ", "  a", "a ", TEN_K, "b".repeat(256), "ü", "用户", "\uD83D\uDE00", "e\u0301", "Ωmega", "a/b", "a:b",
      "a,b", "a b", "a;b", "a#b", "a@b", "a\u0000b", "\t", "a\nb", "\u007f", "a\u0001", "-a", "_a", ".a", "|a", "null",
      "NaN", "é", "a\u200bb", "\uFEFFa", "a\\b", "a\"b", "a'b", "%00", "../a", "a\rb");
  private static final List<String> GOOD_CADENCES = List.of(
      "PT1M", "PT15M", "PT1H", "P1D", "P7D", "P1W", "P1M", "P3M", "P1Y", "P100Y", "PT52704000M", "P01M",
      "P0000000000001M");
  private static final List<String> BAD_CADENCES = List.of(
      "P0D", "P1M2D", "PT30S", "-P1M", "P99999999Y", "p1m", "P1.5M", "PT1M ", "", "P", "PT", "P1", "P1X", "PT1D",
      "P1H", "PT0M", "P101Y", "P000000000000001M", "PT52704001M", "P1m", "P 1M", "P+1M", "P1M\u0000", TEN_K);

  final SplittableRandom rnd;
  /**
   * Scales every hostile choice: 1 for a hostile call, 0 for a clean one. The fuzz alternates, so
   * that valid requests keep changing the state the hostile ones are then tried against.
   */
  double hostility = 1;

  Hostile(SplittableRandom rnd) {
    this.rnd = rnd;
  }

  boolean chance(double p) {
    return rnd.nextDouble() < p;
  }

  /** A hostile choice with probability {@code p}, scaled by {@link #hostility}. */
  boolean hostile(double p) {
    return rnd.nextDouble() < p * hostility;
  }

  int between(int lo, int hi) {
    return rnd.nextInt(lo, hi + 1);
  }

  @SafeVarargs
  final <T> T oneOf(T... values) {
    return values[rnd.nextInt(values.length)];
  }

  <T> T oneOf(List<T> values) {
    return values.get(rnd.nextInt(values.size()));
  }

  /** A random string of the generator's alphabet (lower case, digits, separators; never a Q). */
  String plain(int length) {
    String alphabet = "abcdefghijklmnopxyz0123456789-._|";
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** A hostile string: one of the fixed weird ones, or random text with a control or non-ASCII char. */
  String weird() {
    if (chance(0.7)) {
      return oneOf(WEIRD);
    }
    String s = plain(between(1, 40));
    int at = rnd.nextInt(s.length());
    char odd = oneOf('\u0000', '\u0007', '\u001f', '\u007f', '\u00e9', '\u4e2d', '/', ' ', '\u2028');
    return s.substring(0, at) + odd + s.substring(at);
  }

  /** From {@code pool} mostly, otherwise null, a weird string, a valid-looking new id or a long one. */
  String id(List<String> pool, double hostile) {
    if (!hostile(hostile)) {
      return oneOf(pool);
    }
    int pick = rnd.nextInt(10);
    return switch (pick) {
      case 0 -> null;
      case 1 -> LONG_ID;
      case 2 -> "n" + plain(between(1, 12));
      default -> weird();
    };
  }

  String displayName(double hostile) {
    if (!hostile(hostile)) {
      return oneOf("Name", "Ünïcødé 名前", "a b c", "x".repeat(255), "Team " + rnd.nextInt(100));
    }
    return rnd.nextInt(5) == 0 ? null : weird();
  }

  String cadence(double hostile) {
    if (!hostile(hostile)) {
      return oneOf(GOOD_CADENCES.subList(0, 9));
    }
    return rnd.nextInt(6) == 0 ? null : rnd.nextBoolean() ? oneOf(GOOD_CADENCES) : oneOf(BAD_CADENCES);
  }

  /** An amount: mostly small and positive, often 0, negative or huge. */
  long amount(double hostile) {
    if (!hostile(hostile)) {
      return between(1, 50);
    }
    return oneOf(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE - 1, 1L << 62, (long) between(1, 1_000_000),
        -(long) between(1, 1000));
  }

  Long limit(double hostile) {
    if (!hostile(hostile)) {
      return rnd.nextInt(8) == 0 ? null : (long) between(0, 500);
    }
    return oneOf(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE, 1L, null);
  }

  private static final Instant Y1900 = Instant.parse("1900-01-01T00:00:00Z");
  private static final List<Instant> ANCHORS = java.util.Arrays.asList(null, Instant.parse("2026-01-31T00:00:00Z"),
      Instant.parse("2025-03-15T12:34:56.789123Z"), Y1900, Instant.parse("1899-12-31T23:59:59Z"),
      Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("9999-12-31T23:59:59.9999Z"), Instant.MAX, Instant.MIN,
      Instant.EPOCH);

  /** An event time: now, just before, in closed periods, around 1900, a little or too far ahead, extremes. */
  Instant timestamp(Instant now) {
    return switch (rnd.nextInt(15)) {
      case 0, 1, 2 -> null;
      case 3 -> now;
      case 4 -> now.minusMillis(1);
      case 5 -> now.minusSeconds(3600);
      case 6 -> now.minusSeconds(40L * 86_400);
      case 7 -> Y1900;
      case 8 -> Y1900.minusMillis(1);
      case 9 -> now.plusSeconds(30);
      case 10 -> now.plusSeconds(61);
      case 11 -> Instant.MAX;
      case 12 -> Instant.MIN;
      case 13 -> Instant.EPOCH;
      default -> now.minusSeconds(60);
    };
  }

  Instant anchor() {
    return oneOf(ANCHORS);
  }

  /** A cursor that no list issued to this owner: garbage, over-long, or well-formed for someone else. */
  String foreignCursor(String victimOwner) {
    return switch (rnd.nextInt(8)) {
      case 0 -> "";
      case 1 -> "garbage";
      case 2 -> "!!!not base64!!!";
      case 3 -> TEN_K;
      case 4 -> base64("g1\u0000entities\u0000" + victimOwner + "\u0000\u0000false\u0001" + VICTIM_MARK + "-a");
      case 5 -> base64("g1\u0000assignments\u0000" + victimOwner + "\u0000\u0000\u0001a\u0000b");
      case 6 -> base64("g9\u0000query\u0001x");
      default -> {
        byte[] bytes = new byte[between(1, 64)];
        rnd.nextBytes(bytes);
        yield Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      }
    };
  }

  static String base64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A page size: mostly valid, often out of range. */
  int pageLimit() {
    return !hostile(0.2) ? between(1, 100) : oneOf(0, -1, 101, Integer.MAX_VALUE, Integer.MIN_VALUE);
  }

  /**
   * A batch size: mostly 1..5, sometimes exactly 100, 101, 0 or 10,000 (the last two always rejected,
   * the 10,000 one rarely because it is large).
   */
  int batchSize() {
    int pick = hostility == 0 ? rnd.nextInt(90) : rnd.nextInt(100);
    if (pick < 85) {
      return between(1, 5);
    }
    if (pick < 90) {
      return 100;
    }
    if (pick < 94) {
      return 101;
    }
    if (pick < 98) {
      return 0;
    }
    return pick == 98 ? 10_000 : between(6, 99);
  }

  /**
   * A list of {@code n} items made by {@code item}, sometimes with a null item, sometimes null itself.
   * Lists longer than 100 repeat 64 generated items, so that building a 10,000-item batch costs little
   * (repeats are adversarial too: duplicate ids and keys).
   */
  <T> List<T> list(int n, Supplier<T> item) {
    if (hostile(0.01)) {
      return null;
    }
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(i < 64 || n <= 100 ? item.get() : out.get(i % 64));
    }
    if (n > 0 && hostile(0.02)) {
      out.set(rnd.nextInt(n), null);
    }
    return out;
  }

  /** A metadata patch: mostly a few plain entries, often null, null keys or values, or too big. */
  Map<String, String> metadata(double hostile) {
    Map<String, String> m = new LinkedHashMap<>();
    if (!hostile(hostile)) {
      for (int i = between(1, 3); i > 0; i--) {
        m.put("m" + rnd.nextInt(10), rnd.nextInt(4) == 0 ? "" : plain(between(1, 8)));
      }
      return m;
    }
    switch (rnd.nextInt(9)) {
      case 0 -> {
        return null;
      }
      case 1 -> m.put(null, "v");
      case 2 -> m.put("k", null);
      case 3 -> m.put(TEN_K, "v");
      case 4 -> m.put("k", "v".repeat(4097));
      case 5 -> m.put("k", "v".repeat(4096));
      case 6 -> {
        for (int i = 0; i < 101; i++) {
          m.put("k" + i, "v");
        }
      }
      case 7 -> m.put(weird(), weird());
      default -> m.put("k\u0001", "v");
    }
    return m;
  }

  /** Several ids from the pool, sometimes with duplicates, nulls or hostile ones. */
  List<String> ids(List<String> pool, int n, double hostile) {
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      out[i] = id(pool, hostile);
    }
    return Arrays.asList(out);
  }
}
