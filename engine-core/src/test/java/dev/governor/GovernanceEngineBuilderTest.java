package dev.governor;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Builder settings are checked when set, naming the setting. */
class GovernanceEngineBuilderTest {

  @ParameterizedTest
  @ValueSource(ints = {0, -1, GovernanceEngineBuilder.MAX_MAX_DEPTH + 1})
  void maxDepth_outOfRange_illegalArgumentNamingIt(int depth) {
    assertThatThrownBy(() -> GovernanceEngine.builder().maxDepth(depth))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxDepth");
  }

  @Test
  void storeAndClock_null_nullPointerNamingThem() {
    assertThatThrownBy(() -> GovernanceEngine.builder().store(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("store");
    assertThatThrownBy(() -> GovernanceEngine.builder().clock(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("clock");
  }

  @Test
  void build_withoutStore_illegalState() {
    assertThatThrownBy(() -> GovernanceEngine.builder().build()).isInstanceOf(IllegalStateException.class);
  }
}
