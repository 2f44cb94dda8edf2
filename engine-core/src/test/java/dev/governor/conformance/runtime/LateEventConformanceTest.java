package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.runtime.BudgetUsage;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.UsageEvent;
import dev.governor.spi.GovernanceStore;
import dev.governor.testing.FakeClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two ingest rules the randomized model test found broken, pinned as small examples so that each
 * shows on its own (the model test stops at the first difference): a late event reports the usage
 * unchanged, and after a cadence change an event of the new current period is recorded.
 */
public abstract class LateEventConformanceTest {
  private static final String OWNER = "cus-late";

  private final FakeClock clock = FakeClock.at("2026-01-15T10:00:00Z");
  private GovernanceEngine engine;

  /** A fresh, empty store for one engine. */
  protected abstract GovernanceStore newStore();

  private void dailyBudgetOfFive() {
    engine = GovernanceEngine.builder().store(newStore()).clock(clock).build();
    engine.capabilities().upsert(List.of(CapabilityUpsert.meter("tokens")));
    engine.entityTypes().upsert(List.of(EntityTypeUpsert.of("org").displayName("Org")));
    engine.entities(OWNER).upsert(List.of(EntityUpsert.of("org-1").type("org")));
    engine.assignments(OWNER).upsert(List.of(AssignmentUpsert.of("org-1", "tokens").usageLimit(100).cadence("P1D")));
    assertThat(engine.consume(OWNER, ConsumeRequest.of("org-1", "tokens", 5)).granted()).isTrue();
  }

  @Test
  void ingest_eventOfAClosedPeriod_isLateAndReportsTheUsageUnchanged() {
    dailyBudgetOfFive();

    EventResult result = engine.ingest(OWNER,
        List.of(UsageEvent.of("org-1", "tokens", 2).at(Instant.parse("2026-01-14T12:00:00Z")))).events().get(0);

    // BudgetUsage.usageAfter: "usage of the current period after the event (unchanged when late)".
    assertThat(result.outcome()).isEqualTo(EventResult.Outcome.LATE);
    assertThat(result.budgets()).extracting(BudgetUsage::late, BudgetUsage::usageAfter)
        .containsExactly(tuple(true, 5L));
  }

  @Test
  void ingest_afterChangingADailyCadenceToMonthly_recordsAnEventOfTheCurrentMonth() {
    dailyBudgetOfFive();
    // The counter was last written in today's daily period; the monthly period started on the 1st.
    engine.assignments(OWNER).upsert(List.of(AssignmentUpsert.of("org-1", "tokens").cadence("P1M")));

    EventResult result = engine.ingest(OWNER, List.of(UsageEvent.of("org-1", "tokens", 3))).events().get(0);

    // docs/semantics.md §6: an event is added to every budget whose current period contains it; "now" always is.
    assertThat(result.outcome()).isEqualTo(EventResult.Outcome.RECORDED);
    assertThat(engine.check(OWNER, CheckRequest.of("org-1", "tokens").amount(0)).budgets().get(0).currentUsage())
        .as("the 5 counted before the change plus the 3 ingested").isEqualTo(8L);
  }
}
