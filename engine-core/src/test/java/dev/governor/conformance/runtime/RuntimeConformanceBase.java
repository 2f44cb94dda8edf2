package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.GovernanceEngine;
import dev.governor.GovernanceEngineBuilder;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import dev.governor.spi.GovernanceStore;
import dev.governor.testing.FakeClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared fixture of the runtime conformance suite: an engine over the store under test, a
 * {@link FakeClock} at {@link #START} (Thursday 2026-01-15T10:00Z), and a seed catalog.
 *
 * <p>Types {@code org, team, user, agent, model} with attribution keys {@code orgId, teamId, userId,
 * agentId, modelId}; capabilities {@code ai-tokens, api-calls}; and in owner {@link #OWNER}:
 * <pre>
 * org-acme ─┬─ team-eng ─┬─ user-alice ── agent-bot
 *           │            └─ user-bob
 *           └─ team-sales ── user-carol
 * model-gpt4o, model-claude   (dimensional roots)
 * </pre>
 * {@link #OTHER_OWNER} holds an {@code org-acme} of its own. No budget exists until a test creates
 * one, so each test shows every budget it relies on.
 */
public abstract class RuntimeConformanceBase {
  protected static final String OWNER = "cus-acme";
  protected static final String OTHER_OWNER = "cus-globex";
  protected static final String TOKENS = "ai-tokens";
  protected static final String CALLS = "api-calls";

  protected static final Instant START = Instant.parse("2026-01-15T10:00:00Z");
  protected static final Instant JAN = Instant.parse("2026-01-01T00:00:00Z");
  protected static final Instant FEB = Instant.parse("2026-02-01T00:00:00Z");
  protected static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");

  protected final FakeClock clock = new FakeClock(START);
  protected GovernanceEngine engine;

  /** A fresh, unopened store of the implementation under test. */
  protected abstract GovernanceStore newStore();

  /** The store the fixture's engine runs on; a suite may wrap {@link #newStore()} here. */
  protected GovernanceStore engineStore() {
    return newStore();
  }

  /** The store under {@link #engine}. */
  protected GovernanceStore store;

  @BeforeEach
  void buildEngineAndSeedCatalog() {
    store = engineStore();
    engine = newEngine(store, b -> b);
  }

  /** Another engine over {@code store}, on the same clock, with the seed catalog. */
  protected GovernanceEngine newEngine(GovernanceStore store, UnaryOperator<GovernanceEngineBuilder> settings) {
    GovernanceEngine e = settings.apply(GovernanceEngine.builder().store(store).clock(clock)).build();
    seed(e);
    return e;
  }

  private static void seed(GovernanceEngine e) {
    e.entityTypes().upsert(List.of(
        EntityTypeUpsert.of("org").displayName("Organization").attributionKeys("orgId"),
        EntityTypeUpsert.of("team").displayName("Team").attributionKeys("teamId"),
        EntityTypeUpsert.of("user").displayName("User").attributionKeys("userId"),
        EntityTypeUpsert.of("agent").displayName("Agent").attributionKeys("agentId"),
        EntityTypeUpsert.of("model").displayName("Model").attributionKeys("modelId")));
    e.capabilities().upsert(List.of(CapabilityUpsert.meter(TOKENS), CapabilityUpsert.meter(CALLS)));
    e.entities(OWNER).upsert(List.of(
        EntityUpsert.of("org-acme").type("org"),
        EntityUpsert.of("team-eng").type("team").parent("org-acme"),
        EntityUpsert.of("team-sales").type("team").parent("org-acme"),
        EntityUpsert.of("user-alice").type("user").parent("team-eng"),
        EntityUpsert.of("user-bob").type("user").parent("team-eng"),
        EntityUpsert.of("user-carol").type("user").parent("team-sales"),
        EntityUpsert.of("agent-bot").type("agent").parent("user-alice"),
        EntityUpsert.of("model-gpt4o").type("model"),
        EntityUpsert.of("model-claude").type("model")));
    e.entities(OTHER_OWNER).upsert(List.of(EntityUpsert.of("org-acme").type("org")));
  }

  // ------------------------------------------------------------------ budgets

  /** Creates or updates a budget of {@link #OWNER}. */
  protected Assignment upsert(AssignmentUpsert item) {
    return engine.assignments(OWNER).upsert(List.of(item)).get(0);
  }

  /** A hard-limited budget of {@link #OWNER}. */
  protected Assignment budget(String entityId, String capabilityId, long limit, String cadence, String... scope) {
    return upsert(AssignmentUpsert.of(entityId, capabilityId).scope(scope).usageLimit(limit).cadence(cadence));
  }

  /** A monthly hard-limited {@link #TOKENS} budget of {@link #OWNER}. */
  protected Assignment tokens(String entityId, long limit, String... scope) {
    return budget(entityId, TOKENS, limit, "P1M", scope);
  }

  /** A tracked-but-unlimited budget of {@link #OWNER}. */
  protected Assignment unlimited(String entityId, String capabilityId, String cadence, String... scope) {
    return upsert(AssignmentUpsert.of(entityId, capabilityId).scope(scope).unlimited().cadence(cadence));
  }

  // ------------------------------------------------------------------ runtime shorthands

  protected CheckResult check(String entityId, long amount) {
    return engine.check(OWNER, CheckRequest.of(entityId, TOKENS).amount(amount));
  }

  protected CheckResult check(Subject subject, long amount) {
    return engine.check(OWNER, CheckRequest.of(subject, TOKENS).amount(amount));
  }

  protected ConsumeResult consume(String entityId, long amount) {
    return engine.consume(OWNER, ConsumeRequest.of(entityId, TOKENS, amount));
  }

  protected ConsumeResult consume(String entityId, long amount, String key) {
    return engine.consume(OWNER, ConsumeRequest.of(entityId, TOKENS, amount).idempotencyKey(key));
  }

  protected IngestResult ingest(UsageEvent... events) {
    return engine.ingest(OWNER, Arrays.asList(events));
  }

  /** A {@link #TOKENS} event by one entity, now. */
  protected static UsageEvent event(String entityId, long amount) {
    return UsageEvent.of(entityId, TOKENS, amount);
  }

  /**
   * The current-period usage of one {@link #TOKENS} budget as a check reports it, asked with the
   * budget's entity and scope as subject and amount 0 (a pure read).
   */
  protected long usage(Assignment budget) {
    return statusOf(budget).currentUsage();
  }

  /** The status a pure-read check reports for one budget. */
  protected BudgetStatus statusOf(Assignment budget) {
    List<String> subject = new ArrayList<>();
    subject.add(budget.entityId());
    subject.addAll(budget.scopeEntityIds());
    CheckResult r = engine.check(OWNER, CheckRequest.of(Subject.entities(subject), budget.capabilityId()).amount(0));
    List<BudgetStatus> found = r.budgets().stream().filter(s -> s.assignmentId().equals(budget.id())).toList();
    assertThat(found).as("budget %s is applicable to its own entity and scope", budget.key()).hasSize(1);
    return found.get(0);
  }

  // ------------------------------------------------------------------ expected values

  /** The exact status expected for a budget in the January 2026 period. */
  protected static BudgetStatus january(Assignment a, long usage, Long remaining, boolean hasAccess) {
    return status(a, usage, remaining, hasAccess, JAN, FEB);
  }

  /** The exact status expected for a budget. */
  protected static BudgetStatus status(Assignment a, long usage, Long remaining, boolean hasAccess, Instant start,
      Instant end) {
    return new BudgetStatus(a.id(), a.entityId(), a.capabilityId(), a.scopeEntityIds(), a.usageLimit(), a.softLimit(), usage, 0L, remaining,
        hasAccess, a.cadence(), start, end);
  }

  protected static Set<String> scope(String... ids) {
    return new TreeSet<>(Arrays.asList(ids));
  }

  /** The assignment ids of a list of statuses, in order. */
  protected static List<UUID> ids(List<BudgetStatus> budgets) {
    return budgets.stream().map(BudgetStatus::assignmentId).toList();
  }

  protected static List<UUID> ids(Assignment... budgets) {
    return Arrays.stream(budgets).map(Assignment::id).toList();
  }
}
