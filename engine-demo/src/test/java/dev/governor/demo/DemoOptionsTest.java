package dev.governor.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoOptionsTest {
  @Test
  void parse_noArguments_defaults() {
    assertThat(DemoOptions.parse()).isEqualTo(new DemoOptions(42, 400_000, 4, false));
  }

  @Test
  void parse_separateAndInlineValues_setEachOption() {
    assertThat(DemoOptions.parse("--seed", "7", "--requests=1000", "--threads", "2"))
        .isEqualTo(new DemoOptions(7, 1_000, 2, false));
    assertThat(DemoOptions.parse("--seed=-3")).extracting(DemoOptions::seed).isEqualTo(-3L);
  }

  @Test
  void parse_help_isFlagged() {
    assertThat(DemoOptions.parse("--help").help()).isTrue();
    assertThat(DemoOptions.parse("-h").help()).isTrue();
  }

  @Test
  void parse_badInput_isRejectedNamingTheOption() {
    assertThatThrownBy(() -> DemoOptions.parse("--seed", "x")).hasMessageContaining("--seed")
        .hasMessageContaining("'x'");
    assertThatThrownBy(() -> DemoOptions.parse("--seed")).hasMessage("option --seed needs a value");
    assertThatThrownBy(() -> DemoOptions.parse("--threads", "0")).hasMessageContaining("between 1 and 64");
    assertThatThrownBy(() -> DemoOptions.parse("--requests", "0")).hasMessageContaining("between 1 and");
    assertThatThrownBy(() -> DemoOptions.parse("--fast")).hasMessage("unknown option '--fast'");
  }
}
