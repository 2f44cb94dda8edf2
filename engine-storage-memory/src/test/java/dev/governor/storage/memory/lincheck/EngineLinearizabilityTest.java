package dev.governor.storage.memory.lincheck;

import static dev.governor.storage.memory.lincheck.Domain.CALLS;
import static dev.governor.storage.memory.lincheck.Domain.MODEL;
import static dev.governor.storage.memory.lincheck.Domain.ORG;
import static dev.governor.storage.memory.lincheck.Domain.OWNER;
import static dev.governor.storage.memory.lincheck.Domain.TEAM_A;
import static dev.governor.storage.memory.lincheck.Domain.TOKENS;
import static dev.governor.storage.memory.lincheck.Domain.USER;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.UsageEvent;
import java.util.List;
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
 * Linearizability of the runtime API (docs/semantics.md §4-§5) over the memory store: every concurrent history of
 * {@code consume}, {@code tryConsume}, {@code ingest} (with and without idempotency key), {@code check},
 * {@code isAllowed} and a usage read must be explainable by one sequential order of the same
 * operations that respects their real-time order.
 *
 * <p><b>Domain</b> ({@link Domain}): owner {@code cus}, chain {@code org → team-a → user}, model
 * {@code gpt}; monthly budgets
 * <pre>
 *   tokens: user 4, team-a scoped to gpt 3, org 5, gpt 4      calls: user 2, org unlimited (tracked)
 * </pre>
 * A request naming the user meets {@code user} and {@code org}; the same request through the
 * dimensions {@code {userId: user, modelId: gpt}} also meets the model's budget and the team's budget
 * scoped to the model, so different limits bind first, and a consume locks the org's stripe and the
 * model's. Amounts are 1..2, so a handful of operations reaches every limit; ingest records past the
 * limits (it never gates) and changes what later consumes are granted. Idempotency keys are drawn from
 * {none, k1, k2} and shared by consume and ingest, as the owner's key space is.
 *
 * <p><b>Sequential specification: the engine itself</b> (Lincheck's default: this class, run on one
 * thread). The engine's sequential behaviour is what the conformance suites pin down against docs/semantics.md;
 * the question here is only whether concurrency adds behaviours no sequential run has, and the engine
 * is deterministic given a fixed clock: the {@code FakeClock} never moves during a scenario, no
 * randomness reaches a result (assignment ids are left out of the result values), and every result
 * is a record of statuses and usage numbers. A hand-written model would restate resolution, scoping,
 * budget order and idempotency, and a bug shared by the model and the engine would pass unseen
 * either way; a divergence from docs/semantics.md is the conformance suites' business.
 *
 * <p><b>Modes and sizes.</b> Both modes run the same operations: model checking switches threads at
 * the engine's and the store's shared-memory accesses (the interleavings that matter for the stripe
 * locks and the optimistic stamps), stress runs them on real threads. Two targeted scenarios (see
 * {@link #targetedScenarios()}) run first, then random ones of 2 threads × 2 operations plus one
 * before and one after (model checking: 2 random scenarios × 12 invocations, as one invocation
 * costs up to a few hundred milliseconds under the checker; stress: 6 × 100 with 3 operations per
 * thread). That keeps each run to seconds in the default build;
 * {@code -Dgovernor.lincheck.scale=N} multiplies the random iterations for a longer hunt.
 */
@Param(name = "subject", gen = IntGen.class, conf = "0:1")
@Param(name = "capability", gen = IntGen.class, conf = "0:1")
@Param(name = "amount", gen = LongGen.class, conf = "1:2")
@Param(name = "checkAmount", gen = LongGen.class, conf = "0:3")
@Param(name = "key", gen = IntGen.class, conf = "0:2")
@Param(name = "budget", gen = IntGen.class, conf = "0:5")
public class EngineLinearizabilityTest {
  private final GovernanceEngine engine = Domain.newEngine();

  public EngineLinearizabilityTest() {
    engine.assignments(OWNER).upsert(List.of(
        Domain.budget(USER, TOKENS, 4),
        Domain.budget(TEAM_A, TOKENS, 3, MODEL),
        Domain.budget(ORG, TOKENS, 5),
        Domain.budget(MODEL, TOKENS, 4),
        Domain.budget(USER, CALLS, 2),
        AssignmentUpsert.of(ORG, CALLS).unlimited().cadence("P1M")));
    Domain.warmUp(engine);
  }

  /** A consume: its status and every applicable budget as {@code label=usage/limit} (after it when granted). */
  public record Consumed(ConsumeResult.Status status, List<String> budgets) {}

  /** One ingested event: its outcome and every budget it reached as {@code label=usageAfter}. */
  public record Ingested(EventResult.Outcome outcome, List<String> budgets) {}

  /** A check: the verdict and every applicable budget as {@code label=usage/limit}. */
  public record Checked(boolean hasAccess, List<String> budgets) {}

  @Operation
  public Consumed consume(@Param(name = "subject") int subject, @Param(name = "capability") int capability,
      @Param(name = "amount") long amount, @Param(name = "key") int key) {
    ConsumeResult r = engine.consume(OWNER,
        new ConsumeRequest(Domain.subject(subject), Domain.capability(capability), amount, Domain.key(key)));
    return new Consumed(r.status(), Domain.render(r.budgets()));
  }

  @Operation
  public boolean tryConsume(@Param(name = "capability") int capability, @Param(name = "amount") long amount) {
    return engine.tryConsume(OWNER, USER, Domain.capability(capability), amount);
  }

  @Operation
  public Ingested ingest(@Param(name = "subject") int subject, @Param(name = "capability") int capability,
      @Param(name = "amount") long amount, @Param(name = "key") int key) {
    EventResult r = engine.ingest(OWNER, List.of(
        new UsageEvent(Domain.subject(subject), Domain.capability(capability), amount, Domain.key(key), null)))
        .events().get(0);
    return new Ingested(r.outcome(), Domain.renderUsages(r.budgets()));
  }

  @Operation
  public Checked check(@Param(name = "subject") int subject, @Param(name = "capability") int capability,
      @Param(name = "checkAmount") long amount) {
    CheckResult r = engine.check(OWNER,
        new CheckRequest(Domain.subject(subject), Domain.capability(capability), amount));
    return new Checked(r.hasAccess(), Domain.render(r.budgets()));
  }

  @Operation
  public boolean isAllowed(@Param(name = "capability") int capability, @Param(name = "checkAmount") long amount) {
    return engine.isAllowed(OWNER, USER, Domain.capability(capability), amount);
  }

  /** The usage of one budget through the query API: 0..5 = user, team-a[gpt], org, gpt (tokens), user, org (calls). */
  @Operation
  public List<Long> usage(@Param(name = "budget") int budget) {
    return switch (budget) {
      case 0 -> Domain.usage(engine, USER, TOKENS, false);
      case 1 -> Domain.usage(engine, TEAM_A, TOKENS, true);
      case 2 -> Domain.usage(engine, ORG, TOKENS, false);
      case 3 -> Domain.usage(engine, MODEL, TOKENS, false);
      case 4 -> Domain.usage(engine, USER, CALLS, false);
      default -> Domain.usage(engine, ORG, CALLS, false);
    };
  }

  // ---------------------------------------------------------------- scenarios

  /**
   * Two races run before the random scenarios in both modes, from a consume of 2 through the model
   * that leaves the team's scoped budget at 2 of 3: two consumes through the model race for its last
   * unit (at most one may be granted), and a consume and an ingest race with the same idempotency key
   * (exactly one of them may count it).
   */
  private static List<ExecutionScenario> targetedScenarios() {
    List<Actor> init = List.of(actor("consume", 1, 0, 2L, 0));
    return List.of(
        Domain.scenario(init, List.of(actor("consume", 1, 0, 1L, 0)), List.of(actor("consume", 1, 0, 1L, 2)), null),
        Domain.scenario(init, List.of(actor("consume", 1, 0, 1L, 1)), List.of(actor("ingest", 1, 0, 1L, 1)), null));
  }

  private static Actor actor(String name, Object... args) {
    return Domain.actor(EngineLinearizabilityTest.class, name, args);
  }

  @Test
  void modelChecking_consumeCheckIngest_linearizable() {
    // A model-checked invocation costs up to a few hundred milliseconds (every shared-memory access of
    // the engine is a potential thread switch): the default run is short; the scale property lengthens it.
    ModelCheckingOptions options = Domain.modelChecking();
    targetedScenarios().forEach(options::addCustomScenario);
    options
        .iterations(Domain.iterations(2))
        .invocationsPerIteration(12)
        .threads(2)
        .actorsPerThread(2)
        .actorsBefore(1)
        .actorsAfter(1)
        .check(EngineLinearizabilityTest.class);
  }

  @Test
  void stress_consumeCheckIngest_linearizable() {
    StressOptions options = Domain.stress();
    targetedScenarios().forEach(options::addCustomScenario);
    options
        .iterations(Domain.iterations(6))
        .invocationsPerIteration(100)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(1)
        .actorsAfter(1)
        .check(EngineLinearizabilityTest.class);
  }
}
