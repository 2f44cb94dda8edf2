package dev.governor.testing;

import java.util.SplittableRandom;

/**
 * Seeds for randomized tests: {@code -Dgovernor.seed=N} replays a run, otherwise a fresh seed is
 * drawn. The seed is always printed, with the command that replays it.
 */
public final class Seeds {
  public static final String PROPERTY = "governor.seed";

  private Seeds() {}

  /** The seed to use for {@code testName}, printed to standard output. */
  public static long seed(String testName) {
    String fixed = System.getProperty(PROPERTY);
    long seed = fixed == null || fixed.isBlank() ? System.nanoTime() ^ Double.doubleToLongBits(Math.random()) : Long.parseLong(fixed.trim());
    System.out.println("[seed] " + testName + " seed=" + seed + "  (replay: mvn verify -D" + PROPERTY + "=" + seed + ")");
    return seed;
  }

  public static SplittableRandom random(String testName) {
    return new SplittableRandom(seed(testName));
  }
}
