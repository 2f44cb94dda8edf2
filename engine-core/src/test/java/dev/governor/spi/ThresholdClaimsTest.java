package dev.governor.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdClaimsTest {
  @Test
  void new_nothingAdded_empty() {
    ThresholdClaims claims = new ThresholdClaims();

    assertThat(claims.isEmpty()).isTrue();
    assertThat(claims.size()).isZero();
  }

  @Test
  void add_moreEntriesThanItStartsWith_allKeptInOrder() {
    ThresholdClaims claims = new ThresholdClaims();
    for (int i = 0; i < 11; i++) {
      claims.add(i, 1 << (i % 3), 100L * i);
    }

    assertThat(claims.size()).isEqualTo(11);
    for (int k = 0; k < 11; k++) {
      assertThat(claims.budget(k)).isEqualTo(k);
      assertThat(claims.reached(k)).isEqualTo(1 << (k % 3));
      assertThat(claims.usageAfter(k)).isEqualTo(100L * k);
    }
  }

  @Test
  void clear_afterEntries_emptyAndReusable() {
    ThresholdClaims claims = new ThresholdClaims();
    claims.add(2, 0b11, 85);
    claims.clear();

    assertThat(claims.isEmpty()).isTrue();
    claims.add(0, 0b1, 7);
    assertThat(claims.size()).isEqualTo(1);
    assertThat(claims.usageAfter(0)).isEqualTo(7);
  }

  @Test
  void add_noThresholdOrNegativeBudget_rejectedAndNothingAdded() {
    ThresholdClaims claims = new ThresholdClaims();

    assertThatThrownBy(() -> claims.add(0, 0, 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
    assertThatThrownBy(() -> claims.add(-1, 1, 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(-1)");
    assertThat(claims.isEmpty()).isTrue();
  }

  @Test
  void read_pastTheEntries_indexOutOfBounds() {
    ThresholdClaims claims = new ThresholdClaims();
    claims.add(0, 1, 5);
    claims.clear();

    assertThatThrownBy(() -> claims.usageAfter(0)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
