package dev.governor.conformance.lincheck;

import dev.governor.GovernanceEngine;
import dev.governor.GovernanceException;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ReserveRequest;
import dev.governor.runtime.ReserveResult;
import dev.governor.spi.GovernanceStore;
import dev.governor.testing.FakeClock;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.LongGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The Lincheck suite of reservations (docs/semantics.md §5.3), for every store: every concurrent
 * history of {@code reserve}, {@code settle}, {@code release}, {@code consume}, {@code tryConsume}
 * and {@code check} must be explainable by one sequential order of the same operations. The engine
 * is its own sequential specification (the conformance suites pin its sequential behaviour down): it
 * is deterministic under a clock no operation moves, and the results leave ids and instants out. So
 * the conservation rules hold in every interleaving too: what a result reports as held is what the
 * open reservations hold, and no order grants past a limit.
 *
 * <p><b>Domain:</b> owner's tokens budgets on {@code user} (limit 4) under {@code org} (limit 5).
 * Reservations are named by slot: slot 0 was made before the scenario and its hold has just expired
 * (made one TTL before the scenario's time), so scenarios race settles and releases of an expired
 * hold against the consumes and reserves that prune it; slots 1 and 2 are reserved during the
 * scenario under the idempotency keys {@code r1}, {@code r2} (a retry with another estimate is a
 * conflict). A settle or release of a slot not reserved yet answers {@code none}.
 *
 * <p>A store's runner extends this class with a public no-argument constructor and runs Lincheck on
 * itself; each test instance works on an owner of its own ({@link #newStore()} may share one store).
 */
@Param(name = "slot", gen = IntGen.class, conf = "0:2")
@Param(name = "key", gen = IntGen.class, conf = "1:2")
@Param(name = "estimate", gen = LongGen.class, conf = "1:3")
@Param(name = "actual", gen = LongGen.class, conf = "0:3")
@Param(name = "amount", gen = LongGen.class, conf = "1:2")
public abstract class ReservationLinearizability {
  private static final String TOKENS = "tokens";
  private static final String ORG = "org";
  private static final String USER = "user";
  private static final Duration TTL = Duration.ofMinutes(1);
  private static final AtomicLong OWNERS = new AtomicLong();

  private final FakeClock clock = FakeClock.atDefaultStart();
  private final String owner = "cus-" + OWNERS.incrementAndGet();
  private final GovernanceEngine engine;
  /** Reservation ids by slot, as the reserves returned them. */
  private final ConcurrentHashMap<Integer, String> ids = new ConcurrentHashMap<>();
  /**
   * Per slot: reserves share the lock, settles and releases take it alone. A client settles only
   * an id a reserve has returned to it, so a settle must not see the moment between the store's
   * commit and {@link #ids} learning the id (it would answer {@code none} for a reservation a racing
   * reserve already saw); reserves under one key still race each other.
   */
  private final ReadWriteLock[] slotLocks = {
    new ReentrantReadWriteLock(), new ReentrantReadWriteLock(), new ReentrantReadWriteLock()};

  /** The store of a new test instance (a fresh one, or a shared one: every instance has its own owner). */
  protected abstract GovernanceStore newStore();

  protected ReservationLinearizability() {
    engine = GovernanceEngine.builder().store(newStore()).clock(clock).build();
    engine.entityTypes().upsert(List.of(EntityTypeUpsert.of("org").displayName("Org"),
        EntityTypeUpsert.of("user").displayName("User")));
    engine.capabilities().upsert(List.of(CapabilityUpsert.meter(TOKENS)));
    engine.entities(owner).upsert(List.of(EntityUpsert.of(ORG).type("org"), EntityUpsert.of(USER).type("user").parent(ORG)));
    engine.assignments(owner).upsert(List.of(AssignmentUpsert.of(USER, TOKENS).usageLimit(4).cadence("P1M"),
        AssignmentUpsert.of(ORG, TOKENS).usageLimit(5).cadence("P1M")));
    Instant start = clock.instant();
    clock.set(start.minus(TTL));
    ids.put(0, engine.reserve(owner, ReserveRequest.of(USER, TOKENS, 2, TTL)).reservation().id());
    clock.set(start);
    // The lazily built paths (plans, the query index), built before the scenario.
    engine.check(owner, CheckRequest.of(USER, TOKENS));
  }

  /** A decision: its status and every budget as {@code label=usage+reserved/limit} as it saw them. */
  public record Decided(String status, List<String> budgets) {}

  @Operation
  public Decided reserve(@Param(name = "key") int key, @Param(name = "estimate") long estimate) {
    slotLocks[key].readLock().lock();
    try {
      ReserveResult r = engine.reserve(owner, ReserveRequest.of(USER, TOKENS, estimate, TTL).idempotencyKey("r" + key));
      if (r.reservation() != null) {
        ids.put(key, r.reservation().id());
      }
      return new Decided(r.status().name(), render(r.budgets()));
    } catch (GovernanceException e) {
      return new Decided(e.getClass().getSimpleName(), List.of());
    } finally {
      slotLocks[key].readLock().unlock();
    }
  }

  @Operation
  public String settle(@Param(name = "slot") int slot, @Param(name = "actual") long actual) {
    slotLocks[slot].writeLock().lock();
    try {
      return settleUnlocked(slot, actual);
    } finally {
      slotLocks[slot].writeLock().unlock();
    }
  }

  private String settleUnlocked(int slot, long actual) {
    String id = ids.get(slot);
    if (id == null) {
      return "none";
    }
    try {
      var r = engine.settle(owner, id, actual);
      return r.status() + " over=" + r.overEstimate() + " expired=" + r.expired() + " on " + r.recordedAssignmentIds().size();
    } catch (GovernanceException e) {
      return e.getClass().getSimpleName();
    }
  }

  @Operation
  public String release(@Param(name = "slot") int slot) {
    slotLocks[slot].writeLock().lock();
    try {
      return releaseUnlocked(slot);
    } finally {
      slotLocks[slot].writeLock().unlock();
    }
  }

  private String releaseUnlocked(int slot) {
    String id = ids.get(slot);
    if (id == null) {
      return "none";
    }
    try {
      var r = engine.release(owner, id);
      return r.status() + " expired=" + r.expired();
    } catch (GovernanceException e) {
      return e.getClass().getSimpleName();
    }
  }

  @Operation
  public Decided consume(@Param(name = "amount") long amount) {
    var r = engine.consume(owner, ConsumeRequest.of(USER, TOKENS, amount));
    return new Decided(r.status().name(), render(r.budgets()));
  }

  @Operation
  public boolean tryConsume(@Param(name = "amount") long amount) {
    return engine.tryConsume(owner, USER, TOKENS, amount);
  }

  @Operation
  public Decided check(@Param(name = "actual") long amount) {
    var r = engine.check(owner, CheckRequest.of(USER, TOKENS).amount(amount));
    return new Decided(Boolean.toString(r.hasAccess()), render(r.budgets()));
  }

  private static List<String> render(List<BudgetStatus> budgets) {
    List<String> out = new ArrayList<>(budgets.size());
    for (BudgetStatus b : budgets) {
      out.add(b.entityId() + "=" + b.currentUsage() + "+" + b.reserved() + "/" + b.usageLimit());
    }
    return out;
  }

  /**
   * Races every runner adds before its random scenarios: two reserves of 3 under different keys
   * (the user's limit of 4 admits one), a settle and a release of the same reservation (one wins, the
   * other says so), a settle of the expired reservation against a reserve that prunes its hold, and a
   * consume and a gate racing a settle.
   */
  public static List<ExecutionScenario> targetedScenarios(Class<?> runner) {
    return List.of(
        scenario(List.of(), List.of(actor(runner, "reserve", 1, 3L)), List.of(actor(runner, "reserve", 2, 3L))),
        scenario(List.of(actor(runner, "reserve", 1, 2L)), List.of(actor(runner, "settle", 1, 2L)),
            List.of(actor(runner, "release", 1))),
        scenario(List.of(), List.of(actor(runner, "settle", 0, 2L)),
            List.of(actor(runner, "reserve", 1, 3L), actor(runner, "consume", 2L))),
        scenario(List.of(actor(runner, "reserve", 1, 3L)), List.of(actor(runner, "consume", 1L), actor(runner, "settle", 1, 3L)),
            List.of(actor(runner, "tryConsume", 1L))));
  }

  private static ExecutionScenario scenario(List<Actor> init, List<Actor> thread1, List<Actor> thread2) {
    return new ExecutionScenario(init, List.of(thread1, thread2), List.of(), null);
  }

  private static Actor actor(Class<?> runner, String name, Object... args) {
    for (Method m : runner.getMethods()) {
      if (m.getName().equals(name)) {
        return new Actor(m, List.of(args), false, false, false, false, false);
      }
    }
    throw new IllegalArgumentException(runner.getSimpleName() + " has no operation " + name);
  }
}
