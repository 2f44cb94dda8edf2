package dev.governor.internal;

import dev.governor.ConflictException;
import dev.governor.NotFoundException;
import dev.governor.ValidationException;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ReleaseResult;
import dev.governor.runtime.Reservation;
import dev.governor.runtime.ReservationState;
import dev.governor.runtime.ReserveRequest;
import dev.governor.runtime.ReserveResult;
import dev.governor.runtime.SettleResult;
import dev.governor.runtime.UnresolvedDimensionPolicy;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.LedgerReply;
import dev.governor.spi.OwnerLedger;
import dev.governor.spi.OwnerSnapshot;
import dev.governor.spi.ReservationHold;
import dev.governor.spi.StoredAssignment;
import dev.governor.spi.StoredReservation;
import dev.governor.spi.ThresholdClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reserve, settle and release (docs/semantics.md §5.3). A reserve is one ledger call per attempt,
 * planned like a consume. A settle or release first reads the reservation's record, whose held
 * budgets never change, to plan the budgets to record on; the change itself is one atomic ledger
 * call, which decides again from the record's state as it is then. Thread-safe.
 */
final class Reservations {
  private final EngineContext ctx;
  private final Planner planner;
  private final UnresolvedDimensionPolicy policy;
  private final ReservationIds ids = new ReservationIds();

  Reservations(EngineContext ctx, Planner planner) {
    this.ctx = ctx;
    this.planner = planner;
    this.policy = ctx.settings.unresolvedDimensions();
  }

  ReserveResult reserve(String ownerId, ReserveRequest request) {
    Ids.requireOwner(ownerId);
    if (request == null) {
      throw ValidationException.of(-1, "request", "must not be null");
    }
    if (request.estimate() < 1) {
      throw new ValidationException("estimate", request.estimate(), "must be at least 1");
    }
    Duration ttl = request.ttl();
    if (ttl == null) {
      throw ValidationException.of(-1, "ttl", "must not be null");
    }
    if (ttl.compareTo(ReserveRequest.MIN_TTL) < 0 || ttl.compareTo(ReserveRequest.MAX_TTL) > 0) {
      throw new ValidationException("ttl", ttl, "must be between 1 second and 7 days");
    }
    String key = request.idempotencyKey();
    if (key != null) {
      Texts.idempotencyKey(-1, "idempotencyKey", key);
    }
    PlanCompiler.validateSubject(-1, request.subject());
    Ids.require(-1, "capabilityId", request.capabilityId());
    long now = ctx.clock.millis();
    String id = key == null ? ids.next() : ReservationIds.ofKey(key);
    long estimate = request.estimate();
    ReservationHold hold = new ReservationHold(id, request.capabilityId(), estimate, now, now + ttl.toMillis(),
        // Only a keyed reservation can meet its id again: the fingerprint tells a retry from a conflict.
        key == null ? 0L : Fingerprints.ofReserve(request.subject(), request.capabilityId(), estimate, ttl.toMillis()),
        ctx.settings.idempotencyRetention().toMillis(), key != null);
    OwnerRuntime rt = ctx.owners.runtime(ownerId);
    if (rt == null) {
      // An owner without data: no budget applies, but the reservation is kept like any other, so
      // that its settle and release behave the same. Once the owner has data, plan as usual.
      Plan plan = planner.plan(null, request.subject(), request.capabilityId(), -1);
      OwnerLedger ledger = ctx.store.owner(ownerId);
      long reply = Results.denial(plan, policy) != null ? LedgerReply.DENIED
          : ledger.reserve(plan, now, hold, new long[0], new long[0]);
      return LedgerReply.isStale(reply) ? reserve(ownerId, request)
          : reserveResult(ledger, plan, reply, hold, new long[0], new long[0], key, now);
    }
    return Attempts.run(ctx, rt, () -> planner.plan(rt, request.subject(), request.capabilityId(), -1),
        new Attempts.Attempt<ReserveResult>() {
          private long[] usage;
          private long[] held;

          @Override
          long call(Plan plan) {
            usage = new long[plan.size()];
            held = new long[plan.size()];
            return Results.denial(plan, policy) != null ? rt.ledger.read(plan, now, usage, held)
                : rt.ledger.reserve(plan, now, hold, usage, held);
          }

          @Override
          ReserveResult result(Plan plan, long reply) {
            return reserveResult(rt.ledger, plan, reply, hold, usage, held, key, now);
          }
        });
  }

  private ReserveResult reserveResult(OwnerLedger ledger, Plan plan, long reply, ReservationHold hold, long[] usage, long[] held,
      String key, long now) {
    if (reply == LedgerReply.OVERFLOW) {
      throw new ValidationException("estimate", hold.estimate(),
          "would push an unlimited budget's held amount past Long.MAX_VALUE; nothing was held");
    }
    if (reply == LedgerReply.KEY_CONFLICT) {
      throw Decisions.keyReused(-1, key);
    }
    if (reply == LedgerReply.GRANTED) {
      // The reservation names the budgets it holds; their usage is one check away (section 5.3).
      Reservation r = new Reservation(hold.id(), hold.capabilityId(), hold.estimate(), Instant.ofEpochMilli(now),
          Instant.ofEpochMilli(hold.expiresAtMillis()), plan.assignmentIds(), ReservationState.OPEN, null, null);
      return new ReserveResult(ReserveResult.Status.GRANTED, null, r, List.of(), null, plan.unresolved, plan.archivedEntityIds);
    }
    if (reply == LedgerReply.DUPLICATE) {
      StoredReservation stored = ledger.reservation(hold.id(), now);
      if (stored == null) {
        throw new NotFoundException(-1, "idempotencyKey", "reservation", hold.id());
      }
      CheckResult seen = Results.check(plan, usage, held, 0, now, policy);
      return new ReserveResult(ReserveResult.Status.DUPLICATE, null, view(stored), seen.budgets(), null, plan.unresolved,
          plan.archivedEntityIds);
    }
    CheckResult denied = Results.check(plan, usage, held, hold.estimate(), now, policy);
    return new ReserveResult(ReserveResult.Status.DENIED, denied.reason(), null, denied.budgets(), denied.firstDenied(),
        plan.unresolved, plan.archivedEntityIds);
  }

  SettleResult settle(String ownerId, String reservationId, long actual) {
    Ids.requireOwner(ownerId);
    ReservationIds.requireShape(reservationId);
    if (actual < 0) {
      throw new ValidationException("actual", actual, "must be at least 0");
    }
    OwnerRuntime rt = ctx.owners.runtime(ownerId);
    long now = ctx.clock.millis();
    OwnerLedger ledger = rt == null ? ctx.store.owner(ownerId) : rt.ledger;
    StoredReservation stored = ledger.reservation(reservationId, now);
    if (stored == null) {
      throw notFound(reservationId);
    }
    if (rt == null) {
      // Kept while the owner had no data, so it holds no budget (see reserve).
      Plan none = new Plan(0L, BudgetSet.ANY_GLOBAL_VERSION, stored.capabilityId(), new CompiledAssignment[0], List.of(), List.of());
      long reply = ledger.settle(none, now, reservationId, actual, new long[0], null);
      return LedgerReply.isStale(reply) ? settle(ownerId, reservationId, actual)
          : settleResult(ledger, ownerId, none, reply, stored, actual, new long[0], null, now);
    }
    return Attempts.run(ctx, rt, () -> heldPlan(rt, stored), new Attempts.Attempt<SettleResult>() {
      private long[] usage;
      private ThresholdClaims claims;

      @Override
      long call(Plan plan) {
        usage = new long[plan.size()];
        claims = plan.hasAlerts() ? new ThresholdClaims() : null;
        return rt.ledger.settle(plan, now, reservationId, actual, usage, claims);
      }

      @Override
      SettleResult result(Plan plan, long reply) {
        return settleResult(rt.ledger, ownerId, plan, reply, stored, actual, usage, claims, now);
      }
    });
  }

  private SettleResult settleResult(OwnerLedger ledger, String ownerId, Plan plan, long reply, StoredReservation stored, long actual, long[] usage,
      ThresholdClaims claims, long now) {
    long over = Math.max(0L, actual - stored.estimate());
    if (reply == LedgerReply.OK) {
      if (claims != null) {
        ctx.alerts.announce(ownerId, plan, claims, now);
      }
      Reservation r = closed(stored, ReservationState.SETTLED, actual, now);
      return new SettleResult(SettleResult.Status.SETTLED, r, actual, over, now >= stored.expiresAtMillis(),
          plan.assignmentIds());
    }
    if (reply == LedgerReply.OVERFLOW) {
      throw new ValidationException("actual", actual, "would push a usage counter past Long.MAX_VALUE; nothing was recorded");
    }
    if (reply == LedgerReply.UNKNOWN) {
      throw notFound(stored.id());
    }
    StoredReservation now2 = ledger.reservation(stored.id(), now);
    if (reply == LedgerReply.DUPLICATE && now2 != null) {
      return new SettleResult(SettleResult.Status.ALREADY_SETTLED, view(now2), actual, over,
          now2.closedAtMillis() >= now2.expiresAtMillis(), List.of());
    }
    String state = now2 == null ? "closed" : now2.state() == ReservationState.RELEASED ? "released"
        : "settled with actual " + now2.actual();
    throw new ConflictException(-1, "actual", actual, ConflictException.Reason.RESERVATION_CLOSED,
        "cannot settle reservation " + stored.id() + ": it was already " + state + "; nothing was recorded");
  }

  ReleaseResult release(String ownerId, String reservationId) {
    Ids.requireOwner(ownerId);
    ReservationIds.requireShape(reservationId);
    OwnerLedger ledger = ledger(ownerId);
    long now = ctx.clock.millis();
    StoredReservation stored = ledger.reservation(reservationId, now);
    if (stored == null) {
      throw notFound(reservationId);
    }
    long reply = ledger.release(reservationId, now);
    if (reply == LedgerReply.UNKNOWN) {
      throw notFound(reservationId);
    }
    if (reply == LedgerReply.OK) {
      return new ReleaseResult(ReleaseResult.Status.RELEASED, closed(stored, ReservationState.RELEASED, 0L, now),
          now >= stored.expiresAtMillis());
    }
    StoredReservation after = ledger.reservation(reservationId, now);
    Reservation r = after == null ? view(stored) : view(after);
    return new ReleaseResult(reply == LedgerReply.DUPLICATE ? ReleaseResult.Status.ALREADY_RELEASED
        : ReleaseResult.Status.ALREADY_SETTLED, r, r.closedAt() != null && !r.closedAt().isBefore(r.expiresAt()));
  }

  Optional<Reservation> reservation(String ownerId, String reservationId) {
    Ids.requireOwner(ownerId);
    ReservationIds.requireShape(reservationId);
    StoredReservation stored = ledger(ownerId).reservation(reservationId, ctx.clock.millis());
    if (stored == null) {
      ReservationIds.require(reservationId);
      return Optional.empty();
    }
    return Optional.of(view(stored));
  }

  /**
   * The budgets a settle records on: those of the record still in the owner's latest snapshot, in the
   * record's order, each in its current period (a budget deleted since the reserve is skipped; one
   * whose cadence or limit changed is taken as it is now).
   */
  private static Plan heldPlan(OwnerRuntime rt, StoredReservation stored) {
    OwnerSnapshot snapshot = rt.snapshot();
    OwnerRuntime.HeldPlan last = rt.lastHeldPlan;
    if (last != null && last.ids() == stored.assignmentIds() && last.plan().version == snapshot.version()) {
      return last.plan();
    }
    // Reservations of one chain hold the same budgets: one plan serves their settles.
    Plan cached = rt.heldPlans.get(stored.assignmentIds());
    if (cached != null && cached.version == snapshot.version()) {
      rt.lastHeldPlan = new OwnerRuntime.HeldPlan(stored.assignmentIds(), cached);
      return cached;
    }
    Plan plan = compileHeldPlan(snapshot, rt, stored);
    if (rt.heldPlans.size() >= OwnerRuntime.HELD_PLANS) {
      rt.heldPlans.clear();
    }
    rt.heldPlans.put(stored.assignmentIds(), plan);
    rt.lastHeldPlan = new OwnerRuntime.HeldPlan(stored.assignmentIds(), plan);
    return plan;
  }

  private static Plan compileHeldPlan(OwnerSnapshot snapshot, OwnerRuntime rt, StoredReservation stored) {
    List<CompiledAssignment> budgets = new ArrayList<>(stored.assignmentIds().size());
    for (UUID id : stored.assignmentIds()) {
      StoredAssignment a = snapshot.assignment(id);
      if (a == null) {
        continue;
      }
      for (CompiledAssignment b : rt.compiled(snapshot, a.entityId())) {
        if (b.source.id().equals(id)) {
          budgets.add(b);
        }
      }
    }
    return new Plan(snapshot.version(), BudgetSet.ANY_GLOBAL_VERSION, stored.capabilityId(),
        budgets.toArray(new CompiledAssignment[0]), List.of(), List.of());
  }

  private static Reservation view(StoredReservation s) {
    boolean settled = s.state() == ReservationState.SETTLED;
    return new Reservation(s.id(), s.capabilityId(), s.estimate(), Instant.ofEpochMilli(s.createdAtMillis()),
        Instant.ofEpochMilli(s.expiresAtMillis()), s.assignmentIds(), s.state(), settled ? s.actual() : null,
        s.state() == ReservationState.OPEN ? null : Instant.ofEpochMilli(s.closedAtMillis()));
  }

  private static Reservation closed(StoredReservation s, ReservationState state, long actual, long now) {
    return new Reservation(s.id(), s.capabilityId(), s.estimate(), Instant.ofEpochMilli(s.createdAtMillis()),
        Instant.ofEpochMilli(s.expiresAtMillis()), s.assignmentIds(), state,
        state == ReservationState.SETTLED ? actual : null, Instant.ofEpochMilli(now));
  }

  /** The owner's ledger: the runtime's, or for an owner without data a fresh handle (creates nothing). */
  private OwnerLedger ledger(String ownerId) {
    OwnerRuntime rt = ctx.owners.runtime(ownerId);
    return rt == null ? ctx.store.owner(ownerId) : rt.ledger;
  }

  /** Not found, or malformed: the full check of the id runs only when no record answered to it. */
  private static NotFoundException notFound(String reservationId) {
    ReservationIds.require(reservationId);
    return new NotFoundException(-1, "reservationId", "reservation", reservationId);
  }
}
