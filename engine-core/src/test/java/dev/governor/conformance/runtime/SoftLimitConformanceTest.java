package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.ConsumeResult.Status;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md §5.1: a soft limit never denies; check and consume results and query rows flag
 * the budgets whose usage is above it, also on tracked-but-unlimited budgets.
 */
public abstract class SoftLimitConformanceTest extends RuntimeConformanceBase {
  @Test
  void consume_pastTheSoftLimit_grantedAndFlagged() {
    Assignment alice = upsert(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(100).softLimit(60).cadence("P1M"));

    ConsumeResult atSoft = consume("user-alice", 60);
    ConsumeResult past = consume("user-alice", 1);

    assertThat(atSoft.budgets().get(0).overSoftLimit()).as("at the soft limit is not above it").isFalse();
    assertThat(past.status()).isEqualTo(Status.GRANTED);
    BudgetStatus s = past.budgets().get(0);
    assertThat(s.softLimit()).isEqualTo(60L);
    assertThat(s.overSoftLimit()).isTrue();
    assertThat(statusOf(alice).overSoftLimit()).isTrue();
  }

  @Test
  void consume_unlimitedBudgetWithSoftLimit_neverDeniedButFlagged() {
    upsert(AssignmentUpsert.of("user-alice", TOKENS).unlimited().softLimit(10).cadence("P1M"));

    ConsumeResult r = consume("user-alice", 1_000);

    assertThat(r.status()).isEqualTo(Status.GRANTED);
    assertThat(r.budgets().get(0).overSoftLimit()).isTrue();
  }

  @Test
  void query_rowsCarryTheSoftLimitAndTheFlag() {
    upsert(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(100).softLimit(50).cadence("P1M"));
    upsert(AssignmentUpsert.of("user-bob", TOKENS).usageLimit(100).cadence("P1M"));
    consume("user-alice", 51);
    consume("user-bob", 90);

    TreeRow alice = row("user-alice");
    TreeRow bob = row("user-bob");

    assertThat(alice.softLimit()).isEqualTo(50L);
    assertThat(alice.overSoftLimit()).isTrue();
    assertThat(bob.softLimit()).isNull();
    assertThat(bob.overSoftLimit()).isFalse();
  }

  @Test
  void upsert_softLimitLowered_flagFollowsWithoutUsageChange() {
    Assignment alice = upsert(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(100).softLimit(80).cadence("P1M"));
    consume("user-alice", 50);
    assertThat(statusOf(alice).overSoftLimit()).isFalse();

    Assignment lowered = upsert(AssignmentUpsert.of("user-alice", TOKENS).softLimit(40));

    assertThat(statusOf(lowered).overSoftLimit()).isTrue();
    assertThat(statusOf(lowered).currentUsage()).isEqualTo(50);
  }

  private TreeRow row(String entityId) {
    return engine.query(OWNER, TreeQuery.budgets(TOKENS).limit(100)).items().stream()
        .filter(r -> r.entityId().equals(entityId)).findFirst().orElseThrow();
  }
}
