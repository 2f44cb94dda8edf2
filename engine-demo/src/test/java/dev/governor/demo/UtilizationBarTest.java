package dev.governor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UtilizationBarTest {
  @Test
  void render_noUsage_emptyBarAndZeroPercent() {
    assertThat(UtilizationBar.render(0, 1_000L)).isEqualTo("░░░░░░░░░░   0%");
  }

  @Test
  void render_halfUsed_halfBarAndFiftyPercent() {
    assertThat(UtilizationBar.render(500, 1_000L)).isEqualTo("█████░░░░░  50%");
  }

  @Test
  void render_atTheLimit_fullBarAndHundredPercent() {
    assertThat(UtilizationBar.render(1_000, 1_000L)).isEqualTo("██████████ 100%");
  }

  @Test
  void render_justUnderTheLimit_roundsDownSoTheBarIsNotFull() {
    assertThat(UtilizationBar.render(9_999, 10_000L)).isEqualTo("█████████░  99%");
    assertThat(UtilizationBar.render(819, 1_000L)).isEqualTo("████████░░  81%");
  }

  @Test
  void render_overTheLimit_fullBarAndPercentPastHundred() {
    assertThat(UtilizationBar.render(1_340, 1_000L)).isEqualTo("██████████ 134%");
    assertThat(UtilizationBar.render(59_379, 10_000L)).isEqualTo("██████████ 593%");
  }

  @Test
  void render_unlimited_dottedBarAndDash() {
    assertThat(UtilizationBar.render(123_456, null)).isEqualTo("·········· " + "   —");
  }

  @Test
  void render_zeroLimit_fullBarHundredPercentOrInfinity() {
    assertThat(UtilizationBar.render(0, 0L)).isEqualTo("██████████ 100%");
    assertThat(UtilizationBar.render(5, 0L)).isEqualTo("██████████    ∞");
  }

  @Test
  void render_hugeUsage_doesNotOverflow() {
    assertThat(UtilizationBar.render(Long.MAX_VALUE, Long.MAX_VALUE / 2)).isEqualTo("██████████ 200%");
  }

  @Test
  void render_anyUtilization_hasTheSameWidthUpToThousandPercent() {
    assertThat(UtilizationBar.render(0, 10L)).hasSameSizeAs(UtilizationBar.render(99, 10L))
        .hasSameSizeAs(UtilizationBar.render(5, null)).hasSameSizeAs(UtilizationBar.render(5, 0L));
  }
}
