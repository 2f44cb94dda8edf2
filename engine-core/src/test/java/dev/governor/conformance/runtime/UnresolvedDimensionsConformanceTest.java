package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.governor.ConflictException;
import dev.governor.GovernanceEngine;
import dev.governor.ValidationException;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.runtime.BudgetUsage;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.ConsumeResult.Status;
import dev.governor.runtime.DenialReason;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.EventResult.Outcome;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UnresolvedDimension;
import dev.governor.runtime.UnresolvedDimension.Reason;
import dev.governor.runtime.UnresolvedDimensionPolicy;
import dev.governor.runtime.UsageEvent;
import dev.governor.spi.GovernanceStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/semantics.md §3.2: the builder option {@code unresolvedDimensions(UnresolvedDimensionPolicy)}.
 * {@code IGNORE} (the default) leaves a dimension that names no entity out and reports it, so the
 * budgets of what did resolve apply; {@code DENY} denies check and consume with
 * {@code UNRESOLVED_DIMENSION} (nothing counted, no key claimed) and records nothing for such an
 * ingest event (outcome {@code UNRESOLVED}) while the rest of the batch records; {@code REJECT}
 * fails the call with a {@link ValidationException} on {@code subject.dimensions.<key>} quoting
 * the value (in ingest: the event's index), changing nothing.
 *
 * <p>Each test builds its own engine with the policy under test (on a fresh store with the seed
 * catalog), assigned to {@link #engine} so the shorthands of the base class use it. Every
 * parameterized test runs once per {@link Reason}: a typo in the key ({@code userID}), a typo in the
 * value ({@code user-alcie}), and an entity of another type ({@code agent-bot} under
 * {@code userId}). Each typo subject also carries {@code modelId: model-gpt4o}, which resolves, so
 * the budget of the resolved part shows whether it applied.
 */
public abstract class UnresolvedDimensionsConformanceTest extends RuntimeConformanceBase {

  /** The request as meant: resolves to {user-alice, team-eng, org-acme, model-gpt4o}. */
  private static final Subject FIXED = Subject.dimensions(Map.of("userId", "user-alice", "modelId", "model-gpt4o"));
  private static final String EMPTY_OWNER = "cus-empty";

  /** The store of the engine built by {@link #build}, for a second engine on it. */
  private GovernanceStore store;

  /** Replaces the fixture's engine by one with {@code policy}, on a fresh seeded store. */
  private void build(UnresolvedDimensionPolicy policy) {
    store = newStore();
    engine = newEngine(store, b -> b.unresolvedDimensions(policy));
  }

  /** A second engine (default policy) over the store of {@link #build}. */
  private GovernanceEngine otherEngine() {
    return newEngine(store, b -> b);
  }

  /** {@link #FIXED} with one mistake of the given kind. */
  private static Subject typo(Reason reason) {
    return switch (reason) {
      case UNKNOWN_KEY -> Subject.dimensions(Map.of("userID", "user-alice", "modelId", "model-gpt4o"));
      case UNKNOWN_ENTITY -> Subject.dimensions(Map.of("userId", "user-alcie", "modelId", "model-gpt4o"));
      case TYPE_MISMATCH -> Subject.dimensions(Map.of("userId", "agent-bot", "modelId", "model-gpt4o"));
    };
  }

  /** How {@link #typo} is reported. */
  private static UnresolvedDimension unresolved(Reason reason) {
    return switch (reason) {
      case UNKNOWN_KEY -> new UnresolvedDimension("userID", "user-alice", Reason.UNKNOWN_KEY);
      case UNKNOWN_ENTITY -> new UnresolvedDimension("userId", "user-alcie", Reason.UNKNOWN_ENTITY);
      case TYPE_MISMATCH -> new UnresolvedDimension("userId", "agent-bot", Reason.TYPE_MISMATCH);
    };
  }

  /** Budgets on every entity {@link #FIXED} resolves to that has one, in result order. */
  private record Budgets(Assignment alice, Assignment org, Assignment model) {}

  private Budgets budgets() {
    Assignment alice = tokens("user-alice", 10);
    Assignment org = tokens("org-acme", 100);
    Assignment model = tokens("model-gpt4o", 50);
    tokens("agent-bot", 0); // would deny anything if agent-bot were (wrongly) resolved
    return new Budgets(alice, org, model);
  }

  private List<Long> usages(Budgets b) {
    return List.of(usage(b.alice()), usage(b.org()), usage(b.model()));
  }

  private ConsumeResult consume(Subject subject, long amount, String key) {
    ConsumeRequest request = ConsumeRequest.of(subject, TOKENS, amount);
    return engine.consume(OWNER, key == null ? request : request.idempotencyKey(key));
  }

  private static UsageEvent event(Subject subject, long amount) {
    return UsageEvent.of(subject, TOKENS, amount);
  }

  private static BudgetUsage recorded(Assignment a, long usageAfter) {
    return new BudgetUsage(a.id(), a.entityId(), a.scopeEntityIds(), false, usageAfter, JAN, FEB);
  }

  private static void assertRejected(Throwable thrown, int index, UnresolvedDimension dimension) {
    assertThat(thrown).isInstanceOfSatisfying(ValidationException.class, e -> {
      assertThat(e.index()).isEqualTo(index);
      assertThat(e.field()).isEqualTo("subject.dimensions." + dimension.key());
      assertThat(e.value()).isEqualTo("\"" + dimension.value() + "\"");
      assertThat(e.getMessage()).contains("subject.dimensions." + dimension.key(), "\"" + dimension.value() + "\"");
    });
  }

  // ------------------------------------------------------------------ the acceptance case

  @Test
  void check_denyAndDimensionKeyTypo_deniesWithUnresolvedDimension() {
    // DENY denies a check whose dimension key has a typo.
    build(UnresolvedDimensionPolicy.DENY);
    tokens("user-alice", 10);
    CheckResult r = check(Subject.dimensions(Map.of("userID", "user-alice")), 1);
    assertThat(r).isEqualTo(new CheckResult(false, DenialReason.UNRESOLVED_DIMENSION, List.of(), null,
        List.of(new UnresolvedDimension("userID", "user-alice", Reason.UNKNOWN_KEY)), List.of()));
  }

  @Test
  void check_ignoreAndDimensionKeyTypo_grantsSkippingTheBudget() {
    // The behaviour DENY exists to prevent: alice's budget (limit 0) is silently skipped.
    build(UnresolvedDimensionPolicy.IGNORE);
    tokens("user-alice", 0);
    CheckResult r = check(Subject.dimensions(Map.of("userID", "user-alice")), 1);
    assertThat(r).isEqualTo(new CheckResult(true, null, List.of(), null,
        List.of(new UnresolvedDimension("userID", "user-alice", Reason.UNKNOWN_KEY)), List.of()));
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void builder_withoutPolicy_behavesAsIgnore(Reason reason) {
    // The fixture's engine is built without unresolvedDimensions(...).
    Budgets b = budgets();
    CheckResult r = check(typo(reason), 1);
    assertThat(r).isEqualTo(new CheckResult(true, null, List.of(january(b.model(), 0, 50L, true)), null,
        List.of(unresolved(reason)), List.of()));
    assertThat(consume(typo(reason), 3, null).status()).isEqualTo(Status.GRANTED);
    assertThat(usages(b)).containsExactly(0L, 0L, 3L);
  }

  // ------------------------------------------------------------------ IGNORE

  @ParameterizedTest
  @EnumSource(Reason.class)
  void check_ignoreAndUnresolvedDimension_grantsOnTheResolvedBudgetsAndReportsIt(Reason reason) {
    build(UnresolvedDimensionPolicy.IGNORE);
    Budgets b = budgets();
    CheckResult r = check(typo(reason), 1);
    assertThat(r).isEqualTo(new CheckResult(true, null, List.of(january(b.model(), 0, 50L, true)), null,
        List.of(unresolved(reason)), List.of()));
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void check_ignoreAndUnresolvedDimension_resolvedBudgetStillDenies(Reason reason) {
    build(UnresolvedDimensionPolicy.IGNORE);
    Budgets b = budgets();
    CheckResult r = check(typo(reason), 51);
    assertThat(r).isEqualTo(new CheckResult(false, DenialReason.BUDGET_EXCEEDED,
        List.of(january(b.model(), 0, 50L, false)), january(b.model(), 0, 50L, false), List.of(unresolved(reason)),
        List.of()));
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void consume_ignoreAndUnresolvedDimension_countsOnlyOnTheResolvedBudgets(Reason reason) {
    build(UnresolvedDimensionPolicy.IGNORE);
    Budgets b = budgets();
    ConsumeResult r = consume(typo(reason), 3, null);
    assertThat(r).isEqualTo(new ConsumeResult(Status.GRANTED, null, List.of(january(b.model(), 3, 47L, true)), null,
        List.of(unresolved(reason)), List.of()));
    assertThat(usages(b)).containsExactly(0L, 0L, 3L);
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void consume_ignoreWithKey_claimsTheKeyForTheRequestAsSent(Reason reason) {
    build(UnresolvedDimensionPolicy.IGNORE);
    Budgets b = budgets();
    assertThat(consume(typo(reason), 3, "req-1").status()).isEqualTo(Status.GRANTED);
    ConsumeResult again = consume(typo(reason), 3, "req-1");
    assertThat(again).isEqualTo(new ConsumeResult(Status.DUPLICATE, null, List.of(january(b.model(), 3, 47L, true)),
        null, List.of(unresolved(reason)), List.of()));
    // The corrected request is another request under the same key.
    assertThatThrownBy(() -> consume(FIXED, 3, "req-1"))
        .isInstanceOfSatisfying(ConflictException.class, e -> {
          assertThat(e.reason()).isEqualTo(ConflictException.Reason.IDEMPOTENCY_KEY_REUSED);
          assertThat(e.field()).isEqualTo("idempotencyKey");
        });
    assertThat(usages(b)).containsExactly(0L, 0L, 3L);
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void ingest_ignoreMixedBatch_recordsEveryEventOnItsResolvedBudgets(Reason reason) {
    build(UnresolvedDimensionPolicy.IGNORE);
    Budgets b = budgets();
    IngestResult r = ingest(event(typo(reason), 5), event(FIXED, 2), UsageEvent.of("user-bob", TOKENS, 1));
    assertThat(r.events()).containsExactly(
        new EventResult(0, Outcome.RECORDED, List.of(recorded(b.model(), 5)), List.of(unresolved(reason)), List.of()),
        new EventResult(1, Outcome.RECORDED,
            List.of(recorded(b.alice(), 2), recorded(b.org(), 2), recorded(b.model(), 7)), List.of(), List.of()),
        new EventResult(2, Outcome.RECORDED, List.of(recorded(b.org(), 3)), List.of(), List.of()));
    assertThat(usages(b)).containsExactly(2L, 3L, 7L);
  }

  @Test
  void checkConsumeIngest_ignoreOwnerWithoutData_grantAndReportEveryDimension() {
    build(UnresolvedDimensionPolicy.IGNORE);
    Subject subject = Subject.dimensions(Map.of("orgID", "org-acme", "orgId", "org-acme"));
    List<UnresolvedDimension> expected = List.of(
        new UnresolvedDimension("orgID", "org-acme", Reason.UNKNOWN_KEY),
        new UnresolvedDimension("orgId", "org-acme", Reason.UNKNOWN_ENTITY));
    assertThat(engine.check(EMPTY_OWNER, CheckRequest.of(subject, TOKENS)))
        .isEqualTo(new CheckResult(true, null, List.of(), null, expected, List.of()));
    assertThat(engine.consume(EMPTY_OWNER, ConsumeRequest.of(subject, TOKENS, 3).idempotencyKey("req-1")))
        .isEqualTo(new ConsumeResult(Status.GRANTED, null, List.of(), null, expected, List.of()));
    assertThat(engine.ingest(EMPTY_OWNER, List.of(event(subject, 3))).events())
        .containsExactly(new EventResult(0, Outcome.RECORDED, List.of(), expected, List.of()));
  }

  // ------------------------------------------------------------------ DENY

  @ParameterizedTest
  @EnumSource(Reason.class)
  void check_denyAndUnresolvedDimension_deniesNamingItAndListsTheResolvedBudgets(Reason reason) {
    build(UnresolvedDimensionPolicy.DENY);
    Budgets b = budgets();
    CheckResult r = check(typo(reason), 1);
    assertThat(r).isEqualTo(new CheckResult(false, DenialReason.UNRESOLVED_DIMENSION,
        List.of(january(b.model(), 0, 50L, true)), null, List.of(unresolved(reason)), List.of()));
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void check_denyAndUnresolvedDimensionWithAmountZero_stillDenies(Reason reason) {
    build(UnresolvedDimensionPolicy.DENY);
    Budgets b = budgets();
    CheckResult r = check(typo(reason), 0);
    assertThat(r).isEqualTo(new CheckResult(false, DenialReason.UNRESOLVED_DIMENSION,
        List.of(january(b.model(), 0, 50L, true)), null, List.of(unresolved(reason)), List.of()));
  }

  @Test
  void check_denyAndABudgetAlsoWithoutRoom_reasonIsUnresolvedDimension() {
    build(UnresolvedDimensionPolicy.DENY);
    Budgets b = budgets();
    CheckResult r = check(typo(Reason.UNKNOWN_ENTITY), 51);
    assertThat(r).isEqualTo(new CheckResult(false, DenialReason.UNRESOLVED_DIMENSION,
        List.of(january(b.model(), 0, 50L, false)), january(b.model(), 0, 50L, false),
        List.of(unresolved(Reason.UNKNOWN_ENTITY)), List.of()));
  }

  @Test
  void checkAndConsume_denyAndEveryDimensionResolved_decideOnTheBudgetsAsUsual() {
    build(UnresolvedDimensionPolicy.DENY);
    Budgets b = budgets();
    assertThat(check(FIXED, 10)).isEqualTo(new CheckResult(true, null, List.of(january(b.alice(), 0, 10L, true),
        january(b.org(), 0, 100L, true), january(b.model(), 0, 50L, true)), null, List.of(), List.of()));
    assertThat(check(FIXED, 11).reason()).isEqualTo(DenialReason.BUDGET_EXCEEDED);
    assertThat(consume(FIXED, 4, null).status()).isEqualTo(Status.GRANTED);
    assertThat(check("user-alice", 7).reason()).isEqualTo(DenialReason.BUDGET_EXCEEDED);
    assertThat(usages(b)).containsExactly(4L, 4L, 4L);
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void consume_denyAndUnresolvedDimension_deniesAndAddsNothing(Reason reason) {
    build(UnresolvedDimensionPolicy.DENY);
    Budgets b = budgets();
    ConsumeResult r = consume(typo(reason), 3, null);
    assertThat(r).isEqualTo(new ConsumeResult(Status.DENIED, DenialReason.UNRESOLVED_DIMENSION,
        List.of(january(b.model(), 0, 50L, true)), null, List.of(unresolved(reason)), List.of()));
    assertThat(usages(b)).containsExactly(0L, 0L, 0L);
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void consume_denyWithoutKey_fixedRetryIsGrantedAndCountedOnce(Reason reason) {
    build(UnresolvedDimensionPolicy.DENY);
    Budgets b = budgets();
    assertThat(consume(typo(reason), 3, null).status()).isEqualTo(Status.DENIED);
    ConsumeResult retry = consume(FIXED, 3, null);
    assertThat(retry).isEqualTo(new ConsumeResult(Status.GRANTED, null, List.of(january(b.alice(), 3, 7L, true),
        january(b.org(), 3, 97L, true), january(b.model(), 3, 47L, true)), null, List.of(), List.of()));
    assertThat(usages(b)).containsExactly(3L, 3L, 3L);
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void consume_denyWithKey_claimsNothingAndTheFixedRetryIsGrantedAndCountedOnce(Reason reason) {
    build(UnresolvedDimensionPolicy.DENY);
    Budgets b = budgets();
    ConsumeResult denied = consume(typo(reason), 3, "req-1");
    assertThat(denied).isEqualTo(new ConsumeResult(Status.DENIED, DenialReason.UNRESOLVED_DIMENSION,
        List.of(january(b.model(), 0, 50L, true)), null, List.of(unresolved(reason)), List.of()));
    // Sent again unchanged it is denied again, not a duplicate: the key was not claimed.
    assertThat(consume(typo(reason), 3, "req-1").status()).isEqualTo(Status.DENIED);

    ConsumeResult retry = consume(FIXED, 3, "req-1");
    assertThat(retry).isEqualTo(new ConsumeResult(Status.GRANTED, null, List.of(january(b.alice(), 3, 7L, true),
        january(b.org(), 3, 97L, true), january(b.model(), 3, 47L, true)), null, List.of(), List.of()));
    ConsumeResult retriedAgain = consume(FIXED, 3, "req-1");
    assertThat(retriedAgain).isEqualTo(new ConsumeResult(Status.DUPLICATE, null, List.of(january(b.alice(), 3, 7L, true),
        january(b.org(), 3, 97L, true), january(b.model(), 3, 47L, true)), null, List.of(), List.of()));
    assertThat(usages(b)).containsExactly(3L, 3L, 3L);
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void ingest_denyMixedBatch_unresolvedEventRecordsNothingAndTheOthersRecord(Reason reason) {
    build(UnresolvedDimensionPolicy.DENY);
    Budgets b = budgets();
    IngestResult r = ingest(event(typo(reason), 5).idempotencyKey("evt-1"), event(FIXED, 2).idempotencyKey("evt-2"),
        UsageEvent.of("user-bob", TOKENS, 1));
    assertThat(r.events()).containsExactly(
        new EventResult(0, Outcome.UNRESOLVED, List.of(), List.of(unresolved(reason)), List.of()),
        new EventResult(1, Outcome.RECORDED,
            List.of(recorded(b.alice(), 2), recorded(b.org(), 2), recorded(b.model(), 2)), List.of(), List.of()),
        new EventResult(2, Outcome.RECORDED, List.of(recorded(b.org(), 3)), List.of(), List.of()));
    assertThat(r.count(Outcome.UNRESOLVED)).isEqualTo(1);
    assertThat(usages(b)).containsExactly(2L, 3L, 2L);

    // evt-1 was not claimed: the corrected event records under it, once.
    IngestResult fixed = ingest(event(FIXED, 5).idempotencyKey("evt-1"));
    assertThat(fixed.events()).containsExactly(new EventResult(0, Outcome.RECORDED,
        List.of(recorded(b.alice(), 7), recorded(b.org(), 8), recorded(b.model(), 7)), List.of(), List.of()));
    assertThat(ingest(event(FIXED, 5).idempotencyKey("evt-1")).events().get(0).outcome())
        .isEqualTo(Outcome.DUPLICATE);
    // evt-2 was claimed by the event that recorded.
    assertThat(ingest(event(FIXED, 2).idempotencyKey("evt-2")).events().get(0).outcome())
        .isEqualTo(Outcome.DUPLICATE);
    assertThat(usages(b)).containsExactly(7L, 8L, 7L);
  }

  @Test
  void ingest_denyUnresolvedAndFixedEventShareAKeyInOneBatch_fixedEventRecords() {
    build(UnresolvedDimensionPolicy.DENY);
    Budgets b = budgets();
    IngestResult r = ingest(event(typo(Reason.UNKNOWN_KEY), 5).idempotencyKey("evt-1"),
        event(FIXED, 5).idempotencyKey("evt-1"));
    assertThat(r.events()).extracting(EventResult::outcome).containsExactly(Outcome.UNRESOLVED, Outcome.RECORDED);
    assertThat(usages(b)).containsExactly(5L, 5L, 5L);
  }

  @Test
  void ingest_denyEveryEventUnresolved_recordsNothing() {
    build(UnresolvedDimensionPolicy.DENY);
    Budgets b = budgets();
    IngestResult r = ingest(event(typo(Reason.UNKNOWN_KEY), 1), event(typo(Reason.UNKNOWN_ENTITY), 2),
        event(typo(Reason.TYPE_MISMATCH), 3));
    assertThat(r.events()).containsExactly(
        new EventResult(0, Outcome.UNRESOLVED, List.of(), List.of(unresolved(Reason.UNKNOWN_KEY)), List.of()),
        new EventResult(1, Outcome.UNRESOLVED, List.of(), List.of(unresolved(Reason.UNKNOWN_ENTITY)), List.of()),
        new EventResult(2, Outcome.UNRESOLVED, List.of(), List.of(unresolved(Reason.TYPE_MISMATCH)), List.of()));
    assertThat(usages(b)).containsExactly(0L, 0L, 0L);
  }

  @Test
  void checkConsumeIngest_denyOwnerWithoutData_denyAndRecordNothing() {
    build(UnresolvedDimensionPolicy.DENY);
    Subject subject = Subject.dimensions(Map.of("orgID", "org-acme", "orgId", "org-acme"));
    List<UnresolvedDimension> expected = List.of(
        new UnresolvedDimension("orgID", "org-acme", Reason.UNKNOWN_KEY),
        new UnresolvedDimension("orgId", "org-acme", Reason.UNKNOWN_ENTITY));
    assertThat(engine.check(EMPTY_OWNER, CheckRequest.of(subject, TOKENS)))
        .isEqualTo(new CheckResult(false, DenialReason.UNRESOLVED_DIMENSION, List.of(), null, expected, List.of()));
    assertThat(engine.consume(EMPTY_OWNER, ConsumeRequest.of(subject, TOKENS, 3)))
        .isEqualTo(new ConsumeResult(Status.DENIED, DenialReason.UNRESOLVED_DIMENSION, List.of(), null, expected,
            List.of()));
    assertThat(engine.consume(EMPTY_OWNER, ConsumeRequest.of(subject, TOKENS, 3).idempotencyKey("req-1")))
        .isEqualTo(new ConsumeResult(Status.DENIED, DenialReason.UNRESOLVED_DIMENSION, List.of(), null, expected,
            List.of()));
    assertThat(engine.ingest(EMPTY_OWNER, List.of(event(subject, 3).idempotencyKey("evt-1"), event(subject, 4))).events())
        .containsExactly(
            new EventResult(0, Outcome.UNRESOLVED, List.of(), expected, List.of()),
            new EventResult(1, Outcome.UNRESOLVED, List.of(), expected, List.of()));
  }

  @Test
  void consume_denyOwnerWithoutDataThenEntityCreated_fixedRetryUnderTheSameKeyIsGranted() {
    build(UnresolvedDimensionPolicy.DENY);
    Subject subject = Subject.dimensions(Map.of("orgId", "org-new"));
    ConsumeRequest request = ConsumeRequest.of(subject, TOKENS, 3).idempotencyKey("req-1");
    assertThat(engine.consume(EMPTY_OWNER, request).reason()).isEqualTo(DenialReason.UNRESOLVED_DIMENSION);

    engine.entities(EMPTY_OWNER).upsert(List.of(EntityUpsert.of("org-new").type("org")));
    Assignment org = engine.assignments(EMPTY_OWNER).upsert(List.of(
        AssignmentUpsert.of("org-new", TOKENS).usageLimit(10).cadence("P1M"))).get(0);
    ConsumeResult granted = engine.consume(EMPTY_OWNER, request);
    assertThat(granted).isEqualTo(new ConsumeResult(Status.GRANTED, null, List.of(january(org, 3, 7L, true)), null,
        List.of(), List.of()));
    assertThat(engine.consume(EMPTY_OWNER, request).status()).isEqualTo(Status.DUPLICATE);
  }

  @Test
  void check_denyEntityCreatedThroughAnotherEngine_grantsOnceItExists() {
    build(UnresolvedDimensionPolicy.DENY);
    Assignment team = tokens("team-eng", 10);
    Subject dave = Subject.dimensions(Map.of("userId", "user-dave"));
    assertThat(check(dave, 1).reason()).isEqualTo(DenialReason.UNRESOLVED_DIMENSION);

    otherEngine().entities(OWNER).upsert(List.of(EntityUpsert.of("user-dave").type("user").parent("team-eng")));
    assertThat(check(dave, 1)).isEqualTo(new CheckResult(true, null, List.of(january(team, 0, 10L, true)), null,
        List.of(), List.of()));
    assertThat(consume(dave, 4, "req-1").status()).isEqualTo(Status.GRANTED);
    assertThat(usage(team)).isEqualTo(4L);
  }

  @Test
  void check_denyKeyAddedThroughAnotherEngine_grantsOnceTheKeyExists() {
    // Only the engine-wide catalog changes: the owner's catalog version stays the same.
    build(UnresolvedDimensionPolicy.DENY);
    Assignment team = tokens("team-eng", 10);
    Subject dept = Subject.dimensions(Map.of("deptId", "team-eng"));
    assertThat(check(dept, 1)).isEqualTo(new CheckResult(false, DenialReason.UNRESOLVED_DIMENSION,
        List.of(), null, List.of(new UnresolvedDimension("deptId", "team-eng", Reason.UNKNOWN_KEY)), List.of()));

    otherEngine().entityTypes().upsert(List.of(EntityTypeUpsert.of("team").attributionKeys("teamId", "deptId")));
    assertThat(check(dept, 1)).isEqualTo(new CheckResult(true, null, List.of(january(team, 0, 10L, true)), null,
        List.of(), List.of()));
  }

  @ParameterizedTest
  @EnumSource(value = UnresolvedDimensionPolicy.class, names = {"IGNORE", "DENY"})
  void check_ownerWithoutDataAndKeyAddedThroughAnotherEngine_reportsUnknownEntity(UnresolvedDimensionPolicy policy) {
    // docs/semantics.md §10: a catalog change committed through one engine is in force for every
    // engine's next decision. An owner without data is decided without a ledger call, so nothing
    // validates the engine's cached view of the attribution keys: the reason must still be current.
    build(policy);
    Subject subject = Subject.dimensions(Map.of("projectId", "proj-1"));
    assertThat(engine.check(EMPTY_OWNER, CheckRequest.of(subject, TOKENS)).unresolved())
        .containsExactly(new UnresolvedDimension("projectId", "proj-1", Reason.UNKNOWN_KEY));

    otherEngine().entityTypes().upsert(List.of(
        EntityTypeUpsert.of("project").displayName("Project").attributionKeys("projectId")));
    // A type now owns the key; the owner still has no entity proj-1.
    assertThat(engine.check(EMPTY_OWNER, CheckRequest.of(subject, TOKENS)).unresolved())
        .containsExactly(new UnresolvedDimension("projectId", "proj-1", Reason.UNKNOWN_ENTITY));
  }

  // ------------------------------------------------------------------ REJECT

  @ParameterizedTest
  @EnumSource(Reason.class)
  void check_rejectAndUnresolvedDimension_throwsValidationNamingTheKeyAndValue(Reason reason) {
    build(UnresolvedDimensionPolicy.REJECT);
    budgets();
    assertRejected(catchThrowable(() -> check(typo(reason), 1)), -1, unresolved(reason));
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void consume_rejectAndUnresolvedDimension_throwsAndChangesNothing(Reason reason) {
    build(UnresolvedDimensionPolicy.REJECT);
    Budgets b = budgets();
    assertRejected(catchThrowable(() -> consume(typo(reason), 3, null)), -1, unresolved(reason));
    assertThat(usages(b)).containsExactly(0L, 0L, 0L);
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void consume_rejectWithKey_claimsNothingAndTheFixedRetryIsGrantedAndCountedOnce(Reason reason) {
    build(UnresolvedDimensionPolicy.REJECT);
    Budgets b = budgets();
    assertRejected(catchThrowable(() -> consume(typo(reason), 3, "req-1")), -1, unresolved(reason));
    assertThat(consume(FIXED, 3, "req-1")).isEqualTo(new ConsumeResult(Status.GRANTED, null,
        List.of(january(b.alice(), 3, 7L, true), january(b.org(), 3, 97L, true), january(b.model(), 3, 47L, true)),
        null, List.of(), List.of()));
    assertThat(consume(FIXED, 3, "req-1").status()).isEqualTo(Status.DUPLICATE);
    assertThat(usages(b)).containsExactly(3L, 3L, 3L);
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void ingest_rejectMixedBatch_throwsNamingTheEventIndexAndRecordsNothing(Reason reason) {
    build(UnresolvedDimensionPolicy.REJECT);
    Budgets b = budgets();
    Throwable thrown = catchThrowable(() -> ingest(event(FIXED, 2).idempotencyKey("evt-1"),
        UsageEvent.of("user-bob", TOKENS, 1).idempotencyKey("evt-2"), event(typo(reason), 5).idempotencyKey("evt-3")));
    assertRejected(thrown, 2, unresolved(reason));
    assertThat(usages(b)).containsExactly(0L, 0L, 0L);

    // No key of the refused batch was claimed.
    IngestResult again = ingest(event(FIXED, 2).idempotencyKey("evt-1"),
        UsageEvent.of("user-bob", TOKENS, 1).idempotencyKey("evt-2"), event(FIXED, 5).idempotencyKey("evt-3"));
    assertThat(again.events()).extracting(EventResult::outcome)
        .containsExactly(Outcome.RECORDED, Outcome.RECORDED, Outcome.RECORDED);
    assertThat(usages(b)).containsExactly(7L, 8L, 7L);
  }

  @Test
  void check_rejectSeveralUnresolvedDimensions_namesTheFirstInKeyOrder() {
    build(UnresolvedDimensionPolicy.REJECT);
    Subject subject = Subject.dimensions(Map.of("userId", "user-alcie", "orgId", "org-acme", "modelID", "model-gpt4o"));
    assertRejected(catchThrowable(() -> check(subject, 1)), -1,
        new UnresolvedDimension("modelID", "model-gpt4o", Reason.UNKNOWN_KEY));
  }

  @Test
  void checkAndConsume_rejectAndEveryDimensionResolved_decideOnTheBudgetsAsUsual() {
    build(UnresolvedDimensionPolicy.REJECT);
    Budgets b = budgets();
    assertThat(check(FIXED, 10)).isEqualTo(new CheckResult(true, null, List.of(january(b.alice(), 0, 10L, true),
        january(b.org(), 0, 100L, true), january(b.model(), 0, 50L, true)), null, List.of(), List.of()));
    assertThat(consume(FIXED, 10, null).status()).isEqualTo(Status.GRANTED);
    assertThat(consume(FIXED, 1, null).reason()).isEqualTo(DenialReason.BUDGET_EXCEEDED);
    assertThat(ingest(event(FIXED, 1)).events().get(0).outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(usages(b)).containsExactly(11L, 11L, 11L);
  }

  @Test
  void checkConsumeIngest_rejectOwnerWithoutData_throwNamingTheFirstDimension() {
    build(UnresolvedDimensionPolicy.REJECT);
    Subject subject = Subject.dimensions(Map.of("orgID", "org-acme", "orgId", "org-acme"));
    UnresolvedDimension first = new UnresolvedDimension("orgID", "org-acme", Reason.UNKNOWN_KEY);
    assertRejected(catchThrowable(() -> engine.check(EMPTY_OWNER, CheckRequest.of(subject, TOKENS))), -1, first);
    assertRejected(catchThrowable(() -> engine.consume(EMPTY_OWNER,
        ConsumeRequest.of(subject, TOKENS, 3).idempotencyKey("req-1"))), -1, first);
    Subject unknownEntity = Subject.dimensions(Map.of("orgId", "org-acme"));
    assertRejected(catchThrowable(() -> engine.ingest(EMPTY_OWNER,
            List.of(event(unknownEntity, 1), event(subject, 2)))), 0,
        new UnresolvedDimension("orgId", "org-acme", Reason.UNKNOWN_ENTITY));
  }

  @Test
  void check_rejectEntityCreatedThroughTheSameEngine_thenPasses() {
    build(UnresolvedDimensionPolicy.REJECT);
    Assignment team = tokens("team-eng", 10);
    Assignment model = tokens("model-gpt4o", 50);
    Subject dave = Subject.dimensions(Map.of("userId", "user-dave", "modelId", "model-gpt4o"));
    assertRejected(catchThrowable(() -> check(dave, 1)), -1,
        new UnresolvedDimension("userId", "user-dave", Reason.UNKNOWN_ENTITY));

    engine.entities(OWNER).upsert(List.of(EntityUpsert.of("user-dave").type("user").parent("team-eng")));
    assertThat(check(dave, 1)).isEqualTo(new CheckResult(true, null,
        List.of(january(team, 0, 10L, true), january(model, 0, 50L, true)), null, List.of(), List.of()));
    assertThat(consume(dave, 4, "req-1").status()).isEqualTo(Status.GRANTED);
    assertThat(ingest(event(dave, 1)).events().get(0).outcome()).isEqualTo(Outcome.RECORDED);
    assertThat(List.of(usage(team), usage(model))).containsExactly(5L, 5L);
  }

  @Test
  void check_rejectKeyAndEntityCreatedThroughTheSameEngine_thenPasses() {
    build(UnresolvedDimensionPolicy.REJECT);
    Subject project = Subject.dimensions(Map.of("projectId", "proj-1"));
    assertRejected(catchThrowable(() -> check(project, 1)), -1,
        new UnresolvedDimension("projectId", "proj-1", Reason.UNKNOWN_KEY));

    engine.entityTypes().upsert(List.of(EntityTypeUpsert.of("project").displayName("Project").attributionKeys("projectId")));
    assertRejected(catchThrowable(() -> check(project, 1)), -1,
        new UnresolvedDimension("projectId", "proj-1", Reason.UNKNOWN_ENTITY));

    engine.entities(OWNER).upsert(List.of(EntityUpsert.of("proj-1").type("project").parent("org-acme")));
    Assignment org = tokens("org-acme", 100);
    assertThat(check(project, 1)).isEqualTo(new CheckResult(true, null, List.of(january(org, 0, 100L, true)), null,
        List.of(), List.of()));
  }

  @Test
  void check_rejectOwnerWithoutDataThenEntityCreatedThroughTheSameEngine_thenPasses() {
    build(UnresolvedDimensionPolicy.REJECT);
    Subject subject = Subject.dimensions(Map.of("orgId", "org-new"));
    assertRejected(catchThrowable(() -> engine.check(EMPTY_OWNER, CheckRequest.of(subject, TOKENS))), -1,
        new UnresolvedDimension("orgId", "org-new", Reason.UNKNOWN_ENTITY));

    engine.entities(EMPTY_OWNER).upsert(List.of(EntityUpsert.of("org-new").type("org")));
    assertThat(engine.check(EMPTY_OWNER, CheckRequest.of(subject, TOKENS)))
        .isEqualTo(new CheckResult(true, null, List.of(), null, List.of(), List.of()));
    assertThat(engine.consume(EMPTY_OWNER, ConsumeRequest.of(subject, TOKENS, 1)).status()).isEqualTo(Status.GRANTED);
  }

  @Test
  void check_rejectEntityAndKeyCreatedThroughAnotherEngine_thenPass() {
    // The engine re-reads the store before it rejects, so a change made through another engine
    // counts at once.
    build(UnresolvedDimensionPolicy.REJECT);
    Assignment team = tokens("team-eng", 10);
    Subject dave = Subject.dimensions(Map.of("userId", "user-dave"));
    Subject dept = Subject.dimensions(Map.of("deptId", "team-eng"));
    Subject newOrg = Subject.dimensions(Map.of("orgId", "org-new"));
    assertRejected(catchThrowable(() -> check(dave, 1)), -1,
        new UnresolvedDimension("userId", "user-dave", Reason.UNKNOWN_ENTITY));
    assertRejected(catchThrowable(() -> check(dept, 1)), -1,
        new UnresolvedDimension("deptId", "team-eng", Reason.UNKNOWN_KEY));
    assertRejected(catchThrowable(() -> engine.check(EMPTY_OWNER, CheckRequest.of(newOrg, TOKENS))), -1,
        new UnresolvedDimension("orgId", "org-new", Reason.UNKNOWN_ENTITY));

    GovernanceEngine other = otherEngine();
    other.entities(OWNER).upsert(List.of(EntityUpsert.of("user-dave").type("user").parent("team-eng")));
    other.entityTypes().upsert(List.of(EntityTypeUpsert.of("team").attributionKeys("teamId", "deptId")));
    other.entities(EMPTY_OWNER).upsert(List.of(EntityUpsert.of("org-new").type("org")));

    assertThat(check(dave, 1)).isEqualTo(new CheckResult(true, null, List.of(january(team, 0, 10L, true)), null,
        List.of(), List.of()));
    assertThat(check(dept, 1)).isEqualTo(new CheckResult(true, null, List.of(january(team, 0, 10L, true)), null,
        List.of(), List.of()));
    assertThat(engine.check(EMPTY_OWNER, CheckRequest.of(newOrg, TOKENS)).hasAccess()).isTrue();
  }

  @Test
  void check_rejectKeyRemovedThroughAnotherEngine_isRejectedNotServedFromAnEarlierPlan() {
    build(UnresolvedDimensionPolicy.REJECT);
    Budgets b = budgets();
    assertThat(check(FIXED, 1).hasAccess()).isTrue();
    assertThat(consume(FIXED, 1, null).status()).isEqualTo(Status.GRANTED);

    otherEngine().entityTypes().upsert(List.of(EntityTypeUpsert.of("model").attributionKeys(List.of())));
    UnresolvedDimension gone = new UnresolvedDimension("modelId", "model-gpt4o", Reason.UNKNOWN_KEY);
    assertRejected(catchThrowable(() -> check(FIXED, 1)), -1, gone);
    assertRejected(catchThrowable(() -> consume(FIXED, 1, null)), -1, gone);
    assertThat(usages(b)).containsExactly(1L, 1L, 1L);
  }
}
