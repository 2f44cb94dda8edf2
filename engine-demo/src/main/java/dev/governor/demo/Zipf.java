package dev.governor.demo;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Samples ranks {@code 0..n-1} with probability proportional to {@code 1 / (rank + 1)^exponent}. */
final class Zipf {
  private final double[] cumulative;

  Zipf(int n, double exponent) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1, was " + n);
    }
    cumulative = new double[n];
    double sum = 0;
    for (int rank = 0; rank < n; rank++) {
      sum += 1 / Math.pow(rank + 1, exponent);
      cumulative[rank] = sum;
    }
    for (int rank = 0; rank < n; rank++) {
      cumulative[rank] /= sum;
    }
  }

  /** The probability of {@code rank}. */
  double probability(int rank) {
    return cumulative[rank] - (rank == 0 ? 0 : cumulative[rank - 1]);
  }

  int sample(SplittableRandom random) {
    int i = Arrays.binarySearch(cumulative, random.nextDouble());
    int rank = i >= 0 ? i + 1 : -i - 1;
    return Math.min(rank, cumulative.length - 1);
  }
}
