package dev.governor.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfTest {
  @Test
  void sample_manyDraws_followTheZipfProbabilities() {
    Zipf zipf = new Zipf(5, 1.0);
    SplittableRandom random = new SplittableRandom(1);
    int[] counts = new int[5];
    int draws = 200_000;
    for (int i = 0; i < draws; i++) {
      counts[zipf.sample(random)]++;
    }

    double harmonic = 1 + 1 / 2.0 + 1 / 3.0 + 1 / 4.0 + 1 / 5.0;
    for (int rank = 0; rank < 5; rank++) {
      assertThat(zipf.probability(rank)).isCloseTo(1 / ((rank + 1) * harmonic), within(1e-12));
      assertThat((double) counts[rank] / draws).isCloseTo(zipf.probability(rank), within(0.01));
    }
  }

  @Test
  void sample_oneRank_alwaysZero() {
    Zipf zipf = new Zipf(1, 1.1);
    SplittableRandom random = new SplittableRandom(2);

    for (int i = 0; i < 100; i++) {
      assertThat(zipf.sample(random)).isZero();
    }
  }
}
