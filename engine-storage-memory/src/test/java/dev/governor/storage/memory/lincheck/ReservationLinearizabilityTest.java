package dev.governor.storage.memory.lincheck;

import static dev.governor.storage.memory.lincheck.Domain.ORG;
import static dev.governor.storage.memory.lincheck.Domain.OWNER;
import static dev.governor.storage.memory.lincheck.Domain.TOKENS;
import static dev.governor.storage.memory.lincheck.Domain.USER;

import dev.governor.GovernanceEngine;
import dev.governor.GovernanceException;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ReserveRequest;
import dev.governor.runtime.ReserveResult;
import dev.governor.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.LongGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of reservations (docs/semantics.md §5.3) over the memory store: every concurrent
 * history of {@code reserve}, {@code settle}, {@code release}, {@code consume}, {@code tryConsume}
 * and {@code check} must be explainable by one sequential order of the same operations. With the
 * engine as its own sequential specification (see {@link EngineLinearizabilityTest}), this also
 * holds the conservation rules to every interleaving: what a result reports as held is what the
 * open reservations hold, and no order grants past a limit.
 *
 * <p><b>Domain:</b> budgets of tokens on the user (limit 4) and the org (limit 5). Reservations are
 * named by slot: slot 0 is a reservation of 2 made before the scenario whose hold has just expired
 * (made one TTL before the scenario's fixed time), so the scenario races settles and releases of an
 * expired hold against the consumes and reserves that prune it; slots 1 and 2 are reserved during
 * the scenario under the idempotency keys {@code r1}, {@code r2} (a retry with another estimate is
 * a conflict). A settle or release of a slot not reserved yet answers {@code none}. Expiry itself
 * needs nothing to run, so the clock stays fixed and the engine's answers depend only on the order.
 */
@Param(name = "slot", gen = IntGen.class, conf = "0:2")
@Param(name = "key", gen = IntGen.class, conf = "1:2")
@Param(name = "estimate", gen = LongGen.class, conf = "1:3")
@Param(name = "actual", gen = LongGen.class, conf = "0:3")
@Param(name = "amount", gen = LongGen.class, conf = "1:2")
public class ReservationLinearizabilityTest {
  private static final Duration TTL = Duration.ofMinutes(1);
  private final FakeClock clock = FakeClock.atDefaultStart();
  private final GovernanceEngine engine = Domain.newEngine(clock);
  /** Reservation ids by slot, as the reserves returned them. */
  private final ConcurrentHashMap<Integer, String> ids = new ConcurrentHashMap<>();

  public ReservationLinearizabilityTest() {
    engine.assignments(OWNER).upsert(List.of(Domain.budget(USER, TOKENS, 4), Domain.budget(ORG, TOKENS, 5)));
    Instant start = clock.instant();
    clock.set(start.minus(TTL));
    ids.put(0, engine.reserve(OWNER, ReserveRequest.of(USER, TOKENS, 2, TTL)).reservation().id());
    clock.set(start);
    Domain.warmUp(engine);
  }

  /** A reserve: its status and every budget as {@code label=usage+reserved/limit} as it saw them. */
  public record Reserved(String status, List<String> budgets) {}

  @Operation
  public Reserved reserve(@Param(name = "key") int key, @Param(name = "estimate") long estimate) {
    try {
      ReserveResult r = engine.reserve(OWNER, ReserveRequest.of(USER, TOKENS, estimate, TTL).idempotencyKey("r" + key));
      if (r.reservation() != null) {
        ids.put(key, r.reservation().id());
      }
      return new Reserved(r.status().name(), render(r.budgets()));
    } catch (GovernanceException e) {
      return new Reserved(e.getClass().getSimpleName(), List.of());
    }
  }

  @Operation
  public String settle(@Param(name = "slot") int slot, @Param(name = "actual") long actual) {
    String id = ids.get(slot);
    if (id == null) {
      return "none";
    }
    try {
      var r = engine.settle(OWNER, id, actual);
      return r.status() + " over=" + r.overEstimate() + " expired=" + r.expired() + " " + render(r.budgets());
    } catch (GovernanceException e) {
      return e.getClass().getSimpleName();
    }
  }

  @Operation
  public String release(@Param(name = "slot") int slot) {
    String id = ids.get(slot);
    if (id == null) {
      return "none";
    }
    try {
      var r = engine.release(OWNER, id);
      return r.status() + " expired=" + r.expired();
    } catch (GovernanceException e) {
      return e.getClass().getSimpleName();
    }
  }

  @Operation
  public Reserved consume(@Param(name = "amount") long amount) {
    var r = engine.consume(OWNER, ConsumeRequest.of(USER, TOKENS, amount));
    return new Reserved(r.status().name(), render(r.budgets()));
  }

  @Operation
  public boolean tryConsume(@Param(name = "amount") long amount) {
    return engine.tryConsume(OWNER, USER, TOKENS, amount);
  }

  @Operation
  public Reserved check(@Param(name = "actual") long amount) {
    var r = engine.check(OWNER, CheckRequest.of(USER, TOKENS).amount(amount));
    return new Reserved(Boolean.toString(r.hasAccess()), render(r.budgets()));
  }

  private static List<String> render(List<BudgetStatus> budgets) {
    List<String> out = new ArrayList<>(budgets.size());
    for (BudgetStatus b : budgets) {
      out.add(b.entityId() + "=" + b.currentUsage() + "+" + b.reserved() + "/" + b.usageLimit());
    }
    return out;
  }

  // ---------------------------------------------------------------- scenarios

  /**
   * Races run first in both modes: two reserves of 3 under different keys (the user's limit of 4
   * admits one), a settle and a release of the same reservation (one wins, the other says so), and a
   * settle of the expired reservation against a reserve that prunes its hold.
   */
  private static List<ExecutionScenario> targetedScenarios() {
    return List.of(
        Domain.scenario(List.of(), List.of(actor("reserve", 1, 3L)), List.of(actor("reserve", 2, 3L)), null),
        Domain.scenario(List.of(actor("reserve", 1, 2L)), List.of(actor("settle", 1, 2L)), List.of(actor("release", 1)), null),
        Domain.scenario(List.of(), List.of(actor("settle", 0, 2L)), List.of(actor("reserve", 1, 3L), actor("consume", 2L)), null),
        Domain.scenario(List.of(actor("reserve", 1, 3L)), List.of(actor("consume", 1L), actor("settle", 1, 3L)),
            List.of(actor("tryConsume", 1L)), null));
  }

  private static Actor actor(String name, Object... args) {
    return Domain.actor(ReservationLinearizabilityTest.class, name, args);
  }

  @Test
  void modelChecking_reserveSettleReleaseConsume_linearizable() {
    ModelCheckingOptions options = Domain.modelChecking();
    targetedScenarios().forEach(options::addCustomScenario);
    options
        .iterations(Domain.iterations(2))
        .invocationsPerIteration(12)
        .threads(2)
        .actorsPerThread(2)
        .actorsBefore(1)
        .actorsAfter(1)
        .check(ReservationLinearizabilityTest.class);
  }

  @Test
  void stress_reserveSettleReleaseConsume_linearizable() {
    StressOptions options = Domain.stress();
    targetedScenarios().forEach(options::addCustomScenario);
    options
        .iterations(Domain.iterations(6))
        .invocationsPerIteration(100)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(1)
        .actorsAfter(1)
        .check(ReservationLinearizabilityTest.class);
  }
}
