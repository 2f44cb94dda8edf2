package dev.governor.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The alert-claim rules every store ports: claims per period, by fraction, each reached once. */
class LedgerRulesAlertsTest {
  private static final double[] THRESHOLDS = {0.5, 0.8, 1.0};
  private static final long[] LEVELS = {50, 80, 100};

  @Test
  void newlyReached_usagePastTwoLevels_bothBitsOnce() {
    int reached = LedgerRules.newlyReached(THRESHOLDS, LEVELS, 85, BudgetSet.NO_THRESHOLDS);

    assertThat(reached).isEqualTo(0b011);
    double[] claimed = LedgerRules.withClaims(BudgetSet.NO_THRESHOLDS, THRESHOLDS, reached);
    assertThat(claimed).containsExactly(0.5, 0.8);
    assertThat(LedgerRules.newlyReached(THRESHOLDS, LEVELS, 99, claimed)).isZero();
    assertThat(LedgerRules.newlyReached(THRESHOLDS, LEVELS, 100, claimed)).isEqualTo(0b100);
  }

  @Test
  void newlyReached_exactlyAtTheLevel_reached() {
    assertThat(LedgerRules.newlyReached(THRESHOLDS, LEVELS, 50, BudgetSet.NO_THRESHOLDS)).isEqualTo(0b001);
    assertThat(LedgerRules.newlyReached(THRESHOLDS, LEVELS, 49, BudgetSet.NO_THRESHOLDS)).isZero();
  }

  @Test
  void newlyReached_claimsAreByFraction_listChangesKeepThem() {
    double[] claimed = {0.8};

    // The list grew a threshold in front of 0.8: 0.8 is still claimed, 0.6 is new.
    assertThat(LedgerRules.newlyReached(new double[] {0.6, 0.8}, new long[] {60, 80}, 90, claimed)).isEqualTo(0b01);
  }

  @Test
  void claimedIn_olderPeriodVoid_sameOrLaterKept() {
    double[] claimed = {0.5};

    assertThat(LedgerRules.claimedIn(100, claimed, 200)).isEmpty();
    assertThat(LedgerRules.claimedIn(200, claimed, 200)).containsExactly(0.5);
    assertThat(LedgerRules.claimedIn(300, claimed, 200)).containsExactly(0.5);
  }
}
