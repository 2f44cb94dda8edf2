package dev.governor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.Subject;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One AI completion through a reservation, on the seed catalog: alice's budgets in cus-acme. */
class CompletionFlowTest {
  static final String OWNER = "cus-acme";
  static final Subject ALICE = Subject.entity("alice");
  static final Function<BudgetStatus, BudgetRef> REF = b -> BudgetRef.of(OWNER, b);

  Simulation simulation;
  CompletionFlow flow;
  ReservationTally tally;

  @BeforeEach
  void provision() {
    simulation = Simulation.prepare(SeedCatalog.owners(), 1, 1);
    flow = new CompletionFlow(simulation.engine(), simulation.lateEngine());
    tally = new ReservationTally();
  }

  static Call.Complete completion(long estimate, long actual, Call.Complete.Ending ending, boolean retried) {
    return new Call.Complete(ALICE, SeedCatalog.AI_TOKENS, estimate, actual, ending, retried);
  }

  BudgetStatus alicesBudget() {
    return simulation.engine().check(OWNER, CheckRequest.of(ALICE, SeedCatalog.AI_TOKENS).amount(0)).budgets().stream()
        .filter(b -> b.entityId().equals("alice")).findFirst().orElseThrow();
  }

  @Test
  void run_settleAboveTheEstimate_recordsTheActualInFullAndCountsTheExcess() {
    BudgetRef blocker = flow.run(OWNER, 0, completion(1_000, 1_250, Call.Complete.Ending.SETTLE, false), tally, REF);

    assertThat(blocker).isNull();
    assertThat(tally.stats()).isEqualTo(new ReservationStats(1, 1, 1, 0, 0, 1, 0, 1, 250, 0, 1_000, 1_250));
    assertThat(alicesBudget().currentUsage()).isEqualTo(1_250);
    assertThat(alicesBudget().reserved()).isZero();
  }

  @Test
  void run_slowCompletion_settlesAfterTheHoldExpiredAndStillRecords() {
    flow.run(OWNER, 0, completion(1_000, 900, Call.Complete.Ending.SLOW, false), tally, REF);

    assertThat(tally.stats()).isEqualTo(new ReservationStats(1, 1, 1, 0, 0, 1, 0, 0, 0, 1, 1_000, 900));
    assertThat(alicesBudget().currentUsage()).isEqualTo(900);
    assertThat(alicesBudget().reserved()).isZero();
  }

  @Test
  void run_failedCompletion_releasesAndRecordsNothing() {
    flow.run(OWNER, 0, completion(1_000, 0, Call.Complete.Ending.FAIL, false), tally, REF);

    assertThat(tally.stats()).isEqualTo(new ReservationStats(1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1_000, 0));
    assertThat(alicesBudget().currentUsage()).isZero();
    assertThat(alicesBudget().reserved()).isZero();
  }

  @Test
  void run_retriedReserve_answersTheSameReservationOnce() {
    flow.run(OWNER, 0, completion(1_000, 800, Call.Complete.Ending.SETTLE, true), tally, REF);

    assertThat(tally.stats()).isEqualTo(new ReservationStats(1, 2, 1, 0, 1, 1, 0, 0, 0, 0, 1_000, 800));
    assertThat(alicesBudget().currentUsage()).isEqualTo(800);
  }

  @Test
  void run_estimateAboveTheLimit_isDeniedByTheBudgetWithoutRoom() {
    BudgetRef blocker = flow.run(OWNER, 0, completion(40_001, 1, Call.Complete.Ending.SETTLE, true), tally, REF);

    assertThat(blocker).isEqualTo(new BudgetRef(OWNER, "alice", SeedCatalog.AI_TOKENS, List.of()));
    assertThat(tally.stats()).isEqualTo(new ReservationStats(1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0));
    assertThat(alicesBudget().currentUsage()).isZero();
  }
}
