package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.ConflictException;
import dev.governor.GovernanceEngine;
import dev.governor.NotFoundException;
import dev.governor.ValidationException;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.EntityUpsert;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.DenialReason;
import dev.governor.runtime.ReleaseResult;
import dev.governor.runtime.Reservation;
import dev.governor.runtime.ReservationState;
import dev.governor.runtime.ReserveRequest;
import dev.governor.runtime.ReserveResult;
import dev.governor.runtime.SettleResult;
import dev.governor.runtime.Subject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/semantics.md §5.3: a reservation holds its estimate on every applicable budget at once; holds
 * count against limits for check, consume, reserve and the gates until settled, released or
 * expired (nothing has to run); settle records the actual amount in the period current at settle;
 * both settle and release are idempotent; catalog changes during a hold have the outcomes the
 * semantics state.
 */
public abstract class ReservationConformanceTest extends RuntimeConformanceBase {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private ReserveResult reserve(String entityId, long estimate) {
    return engine.reserve(OWNER, ReserveRequest.of(entityId, TOKENS, estimate, MINUTE));
  }

  private String granted(String entityId, long estimate) {
    ReserveResult r = reserve(entityId, estimate);
    assertThat(r.status()).as("reserve %d on %s", estimate, entityId).isEqualTo(ReserveResult.Status.GRANTED);
    return r.reservation().id();
  }

  private long reserved(Assignment a) {
    return statusOf(a).reserved();
  }

  @Test
  void reserve_withinEveryLimit_holdsTheEstimateOnEveryBudgetAtOnce() {
    Assignment org = tokens("org-acme", 1_000);
    Assignment team = tokens("team-eng", 500);
    Assignment alice = tokens("user-alice", 300);

    ReserveResult r = reserve("user-alice", 200);

    assertThat(r.status()).isEqualTo(ReserveResult.Status.GRANTED);
    Reservation res = r.reservation();
    assertThat(res.id()).matches("[0-9a-f]{32}");
    assertThat(res.estimate()).isEqualTo(200);
    assertThat(res.state()).isEqualTo(ReservationState.OPEN);
    assertThat(res.createdAt()).isEqualTo(START);
    assertThat(res.expiresAt()).isEqualTo(START.plus(MINUTE));
    assertThat(res.heldAssignmentIds()).containsExactlyInAnyOrder(org.id(), team.id(), alice.id());
    assertThat(r.budgets()).as("a grant names its budgets by id and builds no report").isEmpty();
    for (Assignment a : List.of(org, team, alice)) {
      BudgetStatus s = statusOf(a);
      assertThat(s.reserved()).as("held on %s", a.entityId()).isEqualTo(200);
      assertThat(s.currentUsage()).isZero();
      assertThat(s.remaining()).isEqualTo(a.usageLimit() - 200);
    }
    assertThat(engine.reservation(OWNER, res.id())).contains(res);
  }

  @Test
  void reserve_pastOneLevel_deniedNamingThatBudgetAndHoldsNothing() {
    Assignment org = tokens("org-acme", 1_000);
    Assignment team = tokens("team-eng", 100);

    ReserveResult r = reserve("user-alice", 150);

    assertThat(r.status()).isEqualTo(ReserveResult.Status.DENIED);
    assertThat(r.reason()).isEqualTo(DenialReason.BUDGET_EXCEEDED);
    assertThat(r.firstDenied().assignmentId()).isEqualTo(team.id());
    assertThat(r.reservation()).isNull();
    assertThat(r.isGranted()).isFalse();
    assertThat(reserved(org)).isZero();
    assertThat(reserved(team)).isZero();
  }

  @Test
  void heldAmounts_countAgainstCheckConsumeReserveAndTheGates() {
    Assignment alice = tokens("user-alice", 100);
    granted("user-alice", 70);

    assertThat(check("user-alice", 31).hasAccess()).isFalse();
    assertThat(check("user-alice", 30).hasAccess()).isTrue();
    assertThat(engine.isAllowed(OWNER, "user-alice", TOKENS, 31)).isFalse();
    assertThat(engine.tryConsume(OWNER, "user-alice", TOKENS, 31)).isFalse();
    ConsumeResult denied = consume("user-alice", 31);
    assertThat(denied.status()).isEqualTo(ConsumeResult.Status.DENIED);
    assertThat(denied.firstDenied().reserved()).isEqualTo(70);
    assertThat(reserve("user-alice", 31).status()).isEqualTo(ReserveResult.Status.DENIED);

    assertThat(engine.tryConsume(OWNER, "user-alice", TOKENS, 10)).isTrue();
    ConsumeResult ok = consume("user-alice", 20);
    assertThat(ok.status()).isEqualTo(ConsumeResult.Status.GRANTED);
    assertThat(ok.budgets().get(0).reserved()).isEqualTo(70);
    assertThat(ok.budgets().get(0).remaining()).isZero();
    assertThat(usage(alice)).isEqualTo(30);
  }

  @Test
  void settle_recordsTheActualOnEveryHeldBudgetAndDropsTheHold() {
    Assignment team = tokens("team-eng", 500);
    Assignment alice = tokens("user-alice", 300);
    String id = granted("user-alice", 200);

    SettleResult s = engine.settle(OWNER, id, 120);

    assertThat(s.status()).isEqualTo(SettleResult.Status.SETTLED);
    assertThat(s.actual()).isEqualTo(120);
    assertThat(s.overEstimate()).isZero();
    assertThat(s.expired()).isFalse();
    assertThat(s.reservation().state()).isEqualTo(ReservationState.SETTLED);
    assertThat(s.reservation().actual()).isEqualTo(120L);
    assertThat(s.reservation().closedAt()).isEqualTo(START);
    assertThat(s.recordedAssignmentIds()).containsExactlyInAnyOrder(team.id(), alice.id());
    for (Assignment a : List.of(team, alice)) {
      assertThat(usage(a)).isEqualTo(120);
      assertThat(reserved(a)).isZero();
    }
  }

  @Test
  void settle_aboveTheEstimate_recordedInFullEvenPastTheLimit() {
    Assignment alice = tokens("user-alice", 100);
    String id = granted("user-alice", 80);

    SettleResult s = engine.settle(OWNER, id, 130);

    assertThat(s.status()).isEqualTo(SettleResult.Status.SETTLED);
    assertThat(s.overEstimate()).isEqualTo(50);
    assertThat(usage(alice)).isEqualTo(130);
    assertThat(statusOf(alice).remaining()).isZero();
    assertThat(check("user-alice", 1).hasAccess()).isFalse();
  }

  @Test
  void hold_pastItsTtl_stopsCountingWithoutAnythingRunning() {
    Assignment alice = tokens("user-alice", 100);
    granted("user-alice", 80);
    clock.advance(MINUTE.minusMillis(1));
    assertThat(reserved(alice)).as("one millisecond before expiry").isEqualTo(80);
    assertThat(check("user-alice", 21).hasAccess()).isFalse();

    clock.advance(Duration.ofMillis(1));

    assertThat(reserved(alice)).isZero();
    assertThat(check("user-alice", 100).hasAccess()).isTrue();
    assertThat(engine.tryConsume(OWNER, "user-alice", TOKENS, 100)).isTrue();
  }

  @Test
  void settle_afterExpiry_stillRecordsAndSaysTheHoldHadExpired() {
    Assignment alice = tokens("user-alice", 100);
    String id = granted("user-alice", 50);
    clock.advance(Duration.ofMinutes(10));

    SettleResult s = engine.settle(OWNER, id, 40);

    assertThat(s.status()).isEqualTo(SettleResult.Status.SETTLED);
    assertThat(s.expired()).isTrue();
    assertThat(usage(alice)).isEqualTo(40);
  }

  @Test
  void settle_recordsInThePeriodCurrentAtSettle() {
    Assignment alice = tokens("user-alice", 100);
    clock.set(Instant.parse("2026-01-31T23:59:00Z"));
    String id = engine.reserve(OWNER, ReserveRequest.of("user-alice", TOKENS, 60, Duration.ofMinutes(5))).reservation().id();
    clock.set(Instant.parse("2026-02-01T00:01:00Z"));
    assertThat(reserved(alice)).as("a hold outlives the period it was made in").isEqualTo(60);

    engine.settle(OWNER, id, 45);

    BudgetStatus s = statusOf(alice);
    assertThat(s.periodStart()).isEqualTo(FEB);
    assertThat(s.currentUsage()).isEqualTo(45);
    assertThat(s.reserved()).isZero();
  }

  @Test
  void settle_again_sameActualChangesNothingAndAnotherConflicts() {
    Assignment alice = tokens("user-alice", 100);
    String id = granted("user-alice", 50);
    engine.settle(OWNER, id, 30);

    SettleResult again = engine.settle(OWNER, id, 30);

    assertThat(again.status()).isEqualTo(SettleResult.Status.ALREADY_SETTLED);
    assertThat(again.reservation().actual()).isEqualTo(30L);
    assertThat(usage(alice)).isEqualTo(30);
    assertThatThrownBy(() -> engine.settle(OWNER, id, 31)).isInstanceOfSatisfying(ConflictException.class, e -> {
      assertThat(e.reason()).isEqualTo(ConflictException.Reason.RESERVATION_CLOSED);
      assertThat(e.getMessage()).contains("actual").contains("settled with actual 30");
    });
    ReleaseResult released = engine.release(OWNER, id);
    assertThat(released.status()).isEqualTo(ReleaseResult.Status.ALREADY_SETTLED);
    assertThat(usage(alice)).isEqualTo(30);
  }

  @Test
  void release_dropsTheHoldRecordsNothingAndIsIdempotent() {
    Assignment alice = tokens("user-alice", 100);
    String id = granted("user-alice", 90);

    ReleaseResult first = engine.release(OWNER, id);
    ReleaseResult second = engine.release(OWNER, id);

    assertThat(first.status()).isEqualTo(ReleaseResult.Status.RELEASED);
    assertThat(first.reservation().state()).isEqualTo(ReservationState.RELEASED);
    assertThat(first.expired()).isFalse();
    assertThat(second.status()).isEqualTo(ReleaseResult.Status.ALREADY_RELEASED);
    assertThat(reserved(alice)).isZero();
    assertThat(usage(alice)).isZero();
    assertThatThrownBy(() -> engine.settle(OWNER, id, 10)).isInstanceOf(ConflictException.class)
        .hasMessageContaining("released");
    assertThat(usage(alice)).isZero();
  }

  @Test
  void reserve_sameIdempotencyKey_returnsTheFirstReservation() {
    Assignment alice = tokens("user-alice", 100);
    ReserveRequest request = ReserveRequest.of("user-alice", TOKENS, 40, MINUTE).idempotencyKey("call-1");
    ReserveResult first = engine.reserve(OWNER, request);
    clock.advance(Duration.ofSeconds(5));

    ReserveResult retry = engine.reserve(OWNER, request);

    assertThat(retry.status()).isEqualTo(ReserveResult.Status.DUPLICATE);
    assertThat(retry.reservation()).isEqualTo(first.reservation());
    assertThat(reserved(alice)).isEqualTo(40);
    assertThatThrownBy(() -> engine.reserve(OWNER, ReserveRequest.of("user-alice", TOKENS, 41, MINUTE).idempotencyKey("call-1")))
        .isInstanceOfSatisfying(ConflictException.class,
            e -> assertThat(e.reason()).isEqualTo(ConflictException.Reason.IDEMPOTENCY_KEY_REUSED));
    assertThat(reserved(alice)).isEqualTo(40);
  }

  @Test
  void anotherEngineOnTheStore_seesTheHoldAndSettlesIt() {
    Assignment alice = tokens("user-alice", 100);
    GovernanceEngine other = newEngine(store, b -> b);
    String id = granted("user-alice", 70);

    assertThat(other.tryConsume(OWNER, "user-alice", TOKENS, 31)).isFalse();
    SettleResult s = other.settle(OWNER, id, 70);

    assertThat(s.status()).isEqualTo(SettleResult.Status.SETTLED);
    assertThat(usage(alice)).isEqualTo(70);
    assertThat(reserved(alice)).isZero();
    assertThat(engine.settle(OWNER, id, 70).status()).isEqualTo(SettleResult.Status.ALREADY_SETTLED);
  }

  @Test
  void query_rowsReportReservedAndRemainingSubtractsIt() {
    tokens("user-alice", 100);
    tokens("user-bob", 100);
    granted("user-alice", 30);
    consume("user-alice", 20);

    List<TreeRow> rows = engine.query(OWNER, TreeQuery.budgets(TOKENS).limit(10)).items();

    TreeRow alice = rows.stream().filter(r -> r.entityId().equals("user-alice")).findFirst().orElseThrow();
    TreeRow bob = rows.stream().filter(r -> r.entityId().equals("user-bob")).findFirst().orElseThrow();
    assertThat(alice.currentUsage()).isEqualTo(20);
    assertThat(alice.reserved()).isEqualTo(30);
    assertThat(alice.remaining()).isEqualTo(50);
    assertThat(bob.reserved()).isZero();
    assertThat(bob.remaining()).isEqualTo(100);
  }

  @Test
  void limitLowered_duringAHold_holdStaysAndCountsAgainstTheNewLimit() {
    Assignment alice = tokens("user-alice", 100);
    String id = granted("user-alice", 60);

    Assignment lowered = tokens("user-alice", 50);

    assertThat(reserved(lowered)).isEqualTo(60);
    assertThat(statusOf(lowered).remaining()).isZero();
    assertThat(check("user-alice", 1).hasAccess()).isFalse();
    SettleResult s = engine.settle(OWNER, id, 55);
    assertThat(s.status()).isEqualTo(SettleResult.Status.SETTLED);
    assertThat(usage(alice)).isEqualTo(55);
  }

  @Test
  void budgetDeleted_duringAHold_settleRecordsOnTheBudgetsLeft() {
    Assignment team = tokens("team-eng", 500);
    Assignment alice = tokens("user-alice", 100);
    String id = granted("user-alice", 60);

    engine.assignments(OWNER).delete(List.of(alice.id()));
    SettleResult s = engine.settle(OWNER, id, 40);

    assertThat(s.recordedAssignmentIds()).containsExactly(team.id());
    assertThat(usage(team)).isEqualTo(40);
    assertThat(reserved(team)).isZero();
    Assignment again = tokens("user-alice", 100);
    assertThat(usage(again)).as("a budget created again starts afresh").isZero();
    assertThat(reserved(again)).isZero();
  }

  @Test
  void entityMoved_duringAHold_holdAndSettleStayOnTheBudgetsThatGrantedIt() {
    Assignment eng = tokens("team-eng", 500);
    Assignment sales = tokens("team-sales", 500);
    String id = granted("user-bob", 100);

    engine.entities(OWNER).upsert(List.of(EntityUpsert.of("user-bob").type("user").parent("team-sales")));

    assertThat(reserved(eng)).isEqualTo(100);
    assertThat(reserved(sales)).isZero();
    engine.settle(OWNER, id, 80);
    assertThat(usage(eng)).isEqualTo(80);
    assertThat(usage(sales)).isZero();
    assertThat(reserved(eng)).isZero();
  }

  @Test
  void entityArchived_duringAHold_settleStillRecordsAndNewReservesAreDenied() {
    Assignment team = tokens("team-eng", 500);
    String id = granted("user-alice", 100);

    engine.entities(OWNER).archive(List.of("user-alice"));

    ReserveResult denied = reserve("user-alice", 1);
    assertThat(denied.status()).isEqualTo(ReserveResult.Status.DENIED);
    assertThat(denied.reason()).isEqualTo(DenialReason.ENTITY_ARCHIVED);
    assertThat(reserved(team)).isEqualTo(100);
    assertThat(engine.settle(OWNER, id, 90).status()).isEqualTo(SettleResult.Status.SETTLED);
    assertThat(usage(team)).isEqualTo(90);
  }

  @Test
  void reserve_unlimitedAndScopedBudgets_heldToo() {
    Assignment calls = unlimited("user-alice", TOKENS, "P1D");
    Assignment gpt = tokens("team-eng", 100, "model-gpt4o");

    ReserveResult r = engine.reserve(OWNER,
        ReserveRequest.of(Subject.entities(List.of("user-alice", "model-gpt4o")), TOKENS, 30, MINUTE));

    assertThat(r.status()).isEqualTo(ReserveResult.Status.GRANTED);
    assertThat(r.reservation().heldAssignmentIds()).containsExactlyInAnyOrder(calls.id(), gpt.id());
    assertThat(reserved(calls)).isEqualTo(30);
    assertThat(statusOf(calls).remaining()).isNull();
    assertThat(reserved(gpt)).isEqualTo(30);
  }

  @Test
  void settleAndRelease_unknownOrMalformedIds_typedErrorsAndNothingChanges() {
    Assignment alice = tokens("user-alice", 100);
    String unknown = "0123456789abcdef0123456789abcdef";

    assertThatThrownBy(() -> engine.settle(OWNER, unknown, 5)).isInstanceOfSatisfying(NotFoundException.class,
        e -> assertThat(e.getMessage()).contains(unknown));
    assertThatThrownBy(() -> engine.release(OWNER, unknown)).isInstanceOf(NotFoundException.class);
    assertThat(engine.reservation(OWNER, unknown)).isEmpty();
    assertThatThrownBy(() -> engine.settle(OWNER, "not-an-id", 5)).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.getMessage()).contains("reservationId").contains("not-an-id"));
    String id = granted("user-alice", 10);
    assertThatThrownBy(() -> engine.settle(OTHER_OWNER, id, 5)).as("another owner's reservation")
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> engine.settle(OWNER, id, -1)).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.getMessage()).contains("actual").contains("-1"));
    assertThat(usage(alice)).isZero();
    assertThat(reserved(alice)).isEqualTo(10);
  }

  @Test
  void reserve_badInputs_typedErrorNamingTheFieldAndNothingHeld() {
    Assignment alice = tokens("user-alice", 100);

    assertField(() -> engine.reserve(OWNER, ReserveRequest.of("user-alice", TOKENS, 0, MINUTE)), "estimate");
    assertField(() -> engine.reserve(OWNER, ReserveRequest.of("user-alice", TOKENS, 5, null)), "ttl");
    assertField(() -> engine.reserve(OWNER, ReserveRequest.of("user-alice", TOKENS, 5, Duration.ofMillis(999))), "ttl");
    assertField(() -> engine.reserve(OWNER, ReserveRequest.of("user-alice", TOKENS, 5, Duration.ofDays(8))), "ttl");
    assertField(() -> engine.reserve(OWNER, ReserveRequest.of("user-alice", TOKENS, 5, MINUTE).idempotencyKey("")),
        "idempotencyKey");
    assertField(() -> engine.reserve(OWNER, null), "request");
    assertThatThrownBy(() -> engine.reserve(OWNER, ReserveRequest.of("user-nobody", TOKENS, 5, MINUTE)))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("user-nobody");
    assertThat(reserved(alice)).isZero();
  }

  @Test
  void reserve_ownerWithoutData_grantedHoldingNothingAndSettles() {
    ReserveResult r = engine.reserve("cus-new",
        ReserveRequest.of(Subject.dimensions(java.util.Map.of("userId", "u-1")), TOKENS, 5, MINUTE));

    assertThat(r.status()).isEqualTo(ReserveResult.Status.GRANTED);
    assertThat(r.reservation().heldAssignmentIds()).isEmpty();
    SettleResult s = engine.settle("cus-new", r.reservation().id(), 5);
    assertThat(s.status()).isEqualTo(SettleResult.Status.SETTLED);
    assertThat(s.recordedAssignmentIds()).isEmpty();
    assertThat(engine.release("cus-new", r.reservation().id()).status()).isEqualTo(ReleaseResult.Status.ALREADY_SETTLED);
  }

  private static void assertField(Runnable call, String field) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.getMessage()).contains(field));
  }
}
