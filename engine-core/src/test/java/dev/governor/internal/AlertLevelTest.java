package dev.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A threshold's level is {@code ceil(fraction x limit)}, exactly, where binary doubles would round up wrongly. */
class AlertLevelTest {
  @ParameterizedTest(name = "{0} of {1} is {2}")
  @CsvSource({
      "0.8, 100, 80", "0.1, 3, 1", "0.29, 100, 29", "0.5, 1, 1", "1.0, 0, 0", "0.7, 10, 7", "0.3333, 3, 1",
      "10.0, 9223372036854775807, 9223372036854775807", "1.0, 9007199254740993, 9007199254740993"})
  void level_fractionOfLimit_exactCeiling(double fraction, long limit, long level) {
    assertThat(CompiledAssignment.level(fraction, limit)).isEqualTo(level);
  }
}
