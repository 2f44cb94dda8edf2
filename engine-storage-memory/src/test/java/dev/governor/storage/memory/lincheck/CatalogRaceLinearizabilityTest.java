package dev.governor.storage.memory.lincheck;

import static dev.governor.storage.memory.lincheck.Domain.MODEL;
import static dev.governor.storage.memory.lincheck.Domain.ORG;
import static dev.governor.storage.memory.lincheck.Domain.OWNER;
import static dev.governor.storage.memory.lincheck.Domain.TEAM_A;
import static dev.governor.storage.memory.lincheck.Domain.TEAM_B;
import static dev.governor.storage.memory.lincheck.Domain.TOKENS;
import static dev.governor.storage.memory.lincheck.Domain.USER;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.EntityUpsert;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.DenialReason;
import dev.governor.runtime.Subject;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.LongGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;

/**
 * Catalog changes racing the runtime (docs/semantics.md §2, §5): limit changes (lowering and raising), a new
 * scoped budget, archive and unarchive of the leaf, and the leaf moving to another team, concurrent
 * with {@code consume}, {@code tryConsume}, {@code check} and a usage read. Every history must be
 * linearizable, and whatever the interleaving, a consume is granted only under the limits in force
 * when it takes effect: the ledger compares the plan's catalog version with the owner's under the
 * stripe locks and answers STALE, so the engine plans again, when the catalog moved in between.
 *
 * <p><b>Domain</b> ({@link Domain}): owner {@code cus}, {@code org → team-a → user} and
 * {@code org → team-b}, model {@code gpt}; monthly {@code tokens} budgets
 * <pre>
 *   user 3, team-a 4, team-b 2, org 5        later, by an operation: org scoped to gpt 1..3
 * </pre>
 * Limit changes set 1..5 on user, team-a, team-b or org, so they both lower a limit below the usage
 * already counted (kept: an edit is never a free reset) and raise it again. A consume through the
 * dimensions {@code {userId: user, modelId: gpt}} meets the scoped budget once it exists; one naming
 * the user does not. While the user sits under {@code team-b}, the tighter team limit binds.
 *
 * <p><b>Sequential specification: the engine itself</b>, for the reasons given on
 * {@link EngineLinearizabilityTest}; catalog writes are deterministic too (timestamps come from the
 * fixed clock, and the new budget's random id never reaches a result).
 *
 * <p><b>Validation, independent of that specification.</b> Linearizability alone would not notice an
 * overspend that the engine also commits when run sequentially. No ingest runs here, so every unit
 * counted came from a granted consume or tryConsume, and after each invocation {@link #validate()}
 * checks, against the amounts the operations themselves saw granted: the user's and the org's
 * counters hold exactly the granted total, the two teams' counters together hold it too (each grant
 * meets exactly one team, the leaf's parent at that moment), the scoped budget holds at most what was
 * granted through the model's dimensions, and no counter exceeds the highest limit its budget ever
 * had in the scenario, which is the limit in force at its last grant unless a later change lowered it.
 *
 * <p><b>Modes and sizes</b> as in {@link EngineLinearizabilityTest}, with four targeted scenarios
 * ({@link #targetedScenarios()}) ahead of the random ones: a catalog change can only be raced by an
 * operation already between planning and its ledger step, a window random scenarios seldom line up.
 */
@Param(name = "subject", gen = IntGen.class, conf = "0:1")
@Param(name = "amount", gen = LongGen.class, conf = "1:2")
@Param(name = "checkAmount", gen = LongGen.class, conf = "0:2")
@Param(name = "budget", gen = IntGen.class, conf = "0:3")
@Param(name = "limit", gen = LongGen.class, conf = "1:5")
@Param(name = "scopedLimit", gen = LongGen.class, conf = "1:3")
@Param(name = "team", gen = IntGen.class, conf = "0:1")
@Param(name = "readBudget", gen = IntGen.class, conf = "0:4")
public class CatalogRaceLinearizabilityTest {
  /** The budgets by index: user, team-a, team-b, org (node-wide), org scoped to the model. */
  private static final int USER_BUDGET = 0;
  private static final int TEAM_A_BUDGET = 1;
  private static final int TEAM_B_BUDGET = 2;
  private static final int ORG_BUDGET = 3;
  private static final int SCOPED_BUDGET = 4;

  private final GovernanceEngine engine = Domain.newEngine();
  /** The highest limit each budget had at any time of the invocation (0: the budget does not exist yet). */
  private final AtomicLongArray highestLimit = new AtomicLongArray(new long[] {3, 4, 2, 5, 0});
  /** Units granted by consume and tryConsume, and the part granted through the model's dimensions. */
  private final AtomicLong granted = new AtomicLong();
  private final AtomicLong grantedViaModel = new AtomicLong();

  public CatalogRaceLinearizabilityTest() {
    engine.assignments(OWNER).upsert(List.of(
        Domain.budget(USER, TOKENS, 3),
        Domain.budget(TEAM_A, TOKENS, 4),
        Domain.budget(TEAM_B, TOKENS, 2),
        Domain.budget(ORG, TOKENS, 5)));
    Domain.warmUp(engine);
  }

  /** A consume: status, denial reason, and every applicable budget as {@code label=usage/limit}. */
  public record Consumed(ConsumeResult.Status status, DenialReason reason, List<String> budgets) {}

  /** A check: verdict, denial reason, and every applicable budget as {@code label=usage/limit}. */
  public record Checked(boolean hasAccess, DenialReason reason, List<String> budgets) {}

  // ---------------------------------------------------------------- runtime

  @Operation
  public Consumed consume(@Param(name = "subject") int subject, @Param(name = "amount") long amount) {
    ConsumeResult r = engine.consume(OWNER, ConsumeRequest.of(Domain.subject(subject), TOKENS, amount));
    if (r.status() == ConsumeResult.Status.GRANTED) {
      granted.addAndGet(amount);
      if (subject == 1) {
        grantedViaModel.addAndGet(amount);
      }
    }
    return new Consumed(r.status(), r.reason(), Domain.render(r.budgets()));
  }

  @Operation
  public boolean tryConsume(@Param(name = "amount") long amount) {
    boolean ok = engine.tryConsume(OWNER, USER, TOKENS, amount);
    if (ok) {
      granted.addAndGet(amount);
    }
    return ok;
  }

  @Operation
  public Checked check(@Param(name = "subject") int subject, @Param(name = "checkAmount") long amount) {
    CheckResult r = engine.check(OWNER, new CheckRequest(Domain.subject(subject), TOKENS, amount));
    return new Checked(r.hasAccess(), r.reason(), Domain.render(r.budgets()));
  }

  /** The usage of one budget through the query API (empty while the scoped budget does not exist). */
  @Operation
  public List<Long> usage(@Param(name = "readBudget") int budget) {
    return switch (budget) {
      case USER_BUDGET -> Domain.usage(engine, USER, TOKENS, false);
      case TEAM_A_BUDGET -> Domain.usage(engine, TEAM_A, TOKENS, false);
      case TEAM_B_BUDGET -> Domain.usage(engine, TEAM_B, TOKENS, false);
      case ORG_BUDGET -> Domain.usage(engine, ORG, TOKENS, false);
      default -> Domain.usage(engine, ORG, TOKENS, true);
    };
  }

  // ---------------------------------------------------------------- catalog

  /** Sets the limit of user, team-a, team-b or org to 1..5: lowers or raises it. */
  @Operation
  public void setLimit(@Param(name = "budget") int budget, @Param(name = "limit") long limit) {
    // Recorded before the change: from the moment the upsert starts, the limit may be in force.
    highestLimit.accumulateAndGet(budget, limit, Math::max);
    String entityId = switch (budget) {
      case USER_BUDGET -> USER;
      case TEAM_A_BUDGET -> TEAM_A;
      case TEAM_B_BUDGET -> TEAM_B;
      default -> ORG;
    };
    engine.assignments(OWNER).upsert(List.of(Domain.budget(entityId, TOKENS, limit)));
  }

  /** Creates the org's budget scoped to the model, or changes its limit when it exists. */
  @Operation
  public void scopedBudget(@Param(name = "scopedLimit") long limit) {
    highestLimit.accumulateAndGet(SCOPED_BUDGET, limit, Math::max);
    engine.assignments(OWNER).upsert(List.of(Domain.budget(ORG, TOKENS, limit, MODEL)));
  }

  @Operation
  public void archiveUser() {
    engine.entities(OWNER).archive(List.of(USER));
  }

  @Operation
  public void unarchiveUser() {
    engine.entities(OWNER).unarchive(List.of(USER));
  }

  /** Moves the leaf under team-a (0) or team-b (1); its past usage stays where it was counted. */
  @Operation
  public void moveUser(@Param(name = "team") int team) {
    engine.entities(OWNER).upsert(List.of(EntityUpsert.of(USER).parent(team == 0 ? TEAM_A : TEAM_B)));
  }

  // ---------------------------------------------------------------- validation

  /** Runs after every invocation: the counters as the granted amounts and the limits explain them. */
  @Validate
  public void validate() {
    long[] usage = new long[5];
    // A zero-amount check of a subject that resolves every entity of the owner lists every budget
    // with its counter; the scenario is over, so it reads a quiescent ledger. (A check rather than a
    // query: the validation runs inside the model checker after every invocation, and a check is
    // the cheaper read there.)
    CheckRequest everything = new CheckRequest(Subject.entities(USER, TEAM_A, TEAM_B, MODEL), TOKENS, 0);
    for (BudgetStatus b : engine.check(OWNER, everything).budgets()) {
      usage[index(b)] = b.currentUsage();
    }
    long total = granted.get();
    require(usage[USER_BUDGET] == total, "user counter = units granted", usage, total);
    require(usage[ORG_BUDGET] == total, "org counter = units granted", usage, total);
    require(usage[TEAM_A_BUDGET] + usage[TEAM_B_BUDGET] == total, "team-a + team-b counters = units granted",
        usage, total);
    require(usage[SCOPED_BUDGET] <= grantedViaModel.get(), "org[gpt] counter <= units granted through the model",
        usage, total);
    for (int b = 0; b < usage.length; b++) {
      require(usage[b] <= highestLimit.get(b), "counter " + b + " <= the highest limit its budget ever had ("
          + highestLimit + ")", usage, total);
    }
  }

  /**
   * Plain checks rather than AssertJ: the validation runs inside Lincheck's analysis, which compares
   * call receivers with {@code equals}, and AssertJ's assertion objects refuse {@code equals}.
   */
  private static void require(boolean holds, String rule, long[] usage, long granted) {
    if (!holds) {
      throw new AssertionError("violated: " + rule + "; counters [user, team-a, team-b, org, org[gpt]] = "
          + Arrays.toString(usage) + ", units granted = " + granted);
    }
  }

  private static int index(BudgetStatus b) {
    if (!b.scopeEntityIds().isEmpty()) {
      return SCOPED_BUDGET;
    }
    return switch (b.entityId()) {
      case USER -> USER_BUDGET;
      case TEAM_A -> TEAM_A_BUDGET;
      case TEAM_B -> TEAM_B_BUDGET;
      default -> ORG_BUDGET;
    };
  }

  // ---------------------------------------------------------------- scenarios

  /**
   * The races this test exists for, run before the random scenarios in both modes (random scenarios
   * of a few operations rarely line them up, and a model-checked invocation is costly). The user
   * starts at 2 of its limit 3 in the first two.
   * <ol>
   *   <li>Overspend: consumes by the user and through the model race for the last unit: at most one
   *       may be granted.</li>
   *   <li>Stale limit: a consume races a lowering of the user's limit to 2 followed by a check. A
   *       consume planned before the change must not be granted after it: the check would then have
   *       seen the new limit without the consume's units.</li>
   *   <li>Stale parent: a tryConsume races the user's move to team-b followed by a read of team-a's
   *       counter; a grant planned under the old parent must not land in team-a after the read.</li>
   *   <li>Stale archive: a tryConsume races archiving the user followed by a read of its counter.</li>
   * </ol>
   */
  private static List<ExecutionScenario> targetedScenarios() {
    Actor consumeTwo = actor("consume", 0, 2L);
    return List.of(
        scenario(List.of(consumeTwo), List.of(actor("consume", 0, 1L)), List.of(actor("consume", 1, 1L))),
        scenario(List.of(consumeTwo), List.of(actor("consume", 0, 1L)),
            List.of(actor("setLimit", USER_BUDGET, 2L), actor("check", 0, 0L))),
        scenario(List.of(), List.of(actor("tryConsume", 1L)),
            List.of(actor("moveUser", 1), actor("usage", TEAM_A_BUDGET))),
        scenario(List.of(), List.of(actor("tryConsume", 1L)),
            List.of(actor("archiveUser"), actor("usage", USER_BUDGET))));
  }

  private static ExecutionScenario scenario(List<Actor> init, List<Actor> thread1, List<Actor> thread2) {
    return Domain.scenario(init, thread1, thread2, actor("validate"));
  }

  private static Actor actor(String name, Object... args) {
    return Domain.actor(CatalogRaceLinearizabilityTest.class, name, args);
  }

  @Test
  void modelChecking_catalogChangesRacingConsume_linearizableAndWithinLimits() {
    ModelCheckingOptions options = Domain.modelChecking();
    targetedScenarios().forEach(options::addCustomScenario);
    options
        .iterations(Domain.iterations(2))
        .invocationsPerIteration(12)
        .threads(2)
        .actorsPerThread(2)
        .actorsBefore(1)
        .actorsAfter(1)
        .check(CatalogRaceLinearizabilityTest.class);
  }

  @Test
  void stress_catalogChangesRacingConsume_linearizableAndWithinLimits() {
    StressOptions options = Domain.stress();
    targetedScenarios().forEach(options::addCustomScenario);
    options
        .iterations(Domain.iterations(6))
        .invocationsPerIteration(100)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(1)
        .actorsAfter(1)
        .check(CatalogRaceLinearizabilityTest.class);
  }
}
