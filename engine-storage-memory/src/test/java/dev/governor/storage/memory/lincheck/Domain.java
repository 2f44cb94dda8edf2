package dev.governor.storage.memory.lincheck;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.query.ScopeFilter;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.BudgetUsage;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import dev.governor.storage.memory.MemoryStore;
import dev.governor.testing.FakeClock;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * The small domain both Lincheck tests run on, and what they share: one owner {@code cus}, the chain
 * {@code org → team-a → user} plus a second team {@code team-b} under the same org (for moves), a
 * dimensional entity {@code gpt} (type {@code model}), and two capabilities. Limits are a handful of
 * units, so that a scenario of a few operations with amounts of 1..2 reaches them.
 *
 * <p>The clock is a {@link FakeClock} that no operation moves, so every operation of a scenario falls
 * in the same period and the engine's answers depend only on the order of the operations: that is
 * what lets the engine itself serve as the sequential specification.
 *
 * <p>The store has 8 lock stripes instead of 1024: every budget of the org's tree sits on the org's
 * stripe (7), the model's budgets on another (6), and of the two idempotency keys {@code k1} shares
 * the org's stripe while {@code k2} has its own (4). Operations therefore lock one, two or three
 * stripes, in ascending order, and the model checker does not have to walk a thousand unused locks
 * in every test instance.
 */
final class Domain {
  static final String OWNER = "cus";
  static final String TOKENS = "tokens";
  static final String CALLS = "calls";
  static final String ORG = "org";
  static final String TEAM_A = "team-a";
  static final String TEAM_B = "team-b";
  static final String USER = "user";
  static final String MODEL = "gpt";

  /** Multiplies the iterations of every Lincheck run, for a longer hunt: {@code -Dgovernor.lincheck.scale=20}. */
  static final String SCALE_PROPERTY = "governor.lincheck.scale";

  private Domain() {}

  /** An engine with the types, capabilities and entities of the domain, and no budget yet. */
  static GovernanceEngine newEngine() {
    GovernanceEngine engine = GovernanceEngine.builder()
        .store(MemoryStore.builder().stripes(8).maxIdempotencyKeysPerOwner(64).build())
        .clock(FakeClock.atDefaultStart())
        .build();
    engine.entityTypes().upsert(List.of(
        EntityTypeUpsert.of("org").displayName("Org").attributionKeys("orgId"),
        EntityTypeUpsert.of("team").displayName("Team").attributionKeys("teamId"),
        EntityTypeUpsert.of("user").displayName("User").attributionKeys("userId"),
        EntityTypeUpsert.of("model").displayName("Model").attributionKeys("modelId")));
    engine.capabilities().upsert(List.of(CapabilityUpsert.meter(TOKENS), CapabilityUpsert.meter(CALLS)));
    engine.entities(OWNER).upsert(List.of(
        EntityUpsert.of(ORG).type("org"),
        EntityUpsert.of(TEAM_A).type("team").parent(ORG),
        EntityUpsert.of(TEAM_B).type("team").parent(ORG),
        EntityUpsert.of(USER).type("user").parent(TEAM_A),
        EntityUpsert.of(MODEL).type("model")));
    return engine;
  }

  /**
   * Runs, once per engine before a scenario starts, the code paths whose objects the engine creates
   * lazily: the owner's idempotency-key cache (a keyed consume and a keyed ingest of {@code calls} by
   * the model, which no budget covers, under keys no scenario uses), the plan cache of dimension
   * subjects (a check) and the query index (a read). Lincheck's model checker instruments a class when
   * analysed code first meets it; the Caffeine caches built inside a scenario made the first invocation
   * instrument dozens of classes and run past the invocation timeout on a busy machine. Built here,
   * before the scenario, they are instrumented with the test instance. No budget and no key of the
   * scenarios changes.
   */
  static void warmUp(GovernanceEngine engine) {
    engine.consume(OWNER, ConsumeRequest.of(MODEL, CALLS, 1).idempotencyKey("warm-up"));
    engine.ingest(OWNER, List.of(UsageEvent.of(MODEL, CALLS, 1).idempotencyKey("warm-up-ingest")));
    engine.check(OWNER, CheckRequest.of(subject(1), TOKENS));
    usage(engine, USER, TOKENS, false);
  }

  /** A monthly budget. */
  static AssignmentUpsert budget(String entityId, String capabilityId, long limit, String... scope) {
    return AssignmentUpsert.of(entityId, capabilityId).scope(scope).usageLimit(limit).cadence("P1M");
  }

  /**
   * Subject 0 names the user directly; subject 1 reaches the user through dimensions together with
   * the model, which is what brings the model's budgets and budgets scoped to it into play (docs/semantics.md §3).
   */
  static Subject subject(int which) {
    return which == 0 ? Subject.entity(USER) : Subject.dimensions(Map.of("userId", USER, "modelId", MODEL));
  }

  /** Idempotency key 0 is none; 1 and 2 are the two keys a scenario may repeat. */
  static String key(int which) {
    return which == 0 ? null : "k" + which;
  }

  static String capability(int which) {
    return which == 0 ? TOKENS : CALLS;
  }

  /**
   * The live usage of one budget through the public query API (docs/semantics.md §8.2), addressed by entity,
   * capability and node-wide or scoped. One row is one counter read, so the read is atomic; a query
   * of several rows reads each counter on its own by design ({@code OwnerLedger.readEach}) and is not
   * what this read checks. Archived entities are included so that archiving does not change what the
   * read addresses. Returns the usage of every matching row: none while the budget does not exist.
   */
  static List<Long> usage(GovernanceEngine engine, String entityId, String capabilityId, boolean scoped) {
    TreeQuery q = TreeQuery.budgets(capabilityId)
        .search(entityId)
        .scope(scoped ? ScopeFilter.SCOPED : ScopeFilter.NODE_WIDE)
        .includeArchived(true);
    List<TreeRow> rows = engine.query(OWNER, q).items();
    List<Long> out = new ArrayList<>(rows.size());
    for (TreeRow row : rows) {
      out.add(row.currentUsage());
    }
    return out;
  }

  /**
   * Budgets as compact, deterministic text for results, e.g. {@code team-a[gpt]=2/3} (usage / limit;
   * no limit shown when unlimited). Readable in Lincheck's failure tables, comparable across runs
   * (assignment ids and instants are left out).
   */
  static List<String> render(List<BudgetStatus> budgets) {
    List<String> out = new ArrayList<>(budgets.size());
    for (BudgetStatus b : budgets) {
      out.add(label(b.entityId(), b.scopeEntityIds()) + "=" + b.currentUsage()
          + (b.usageLimit() == null ? "" : "/" + b.usageLimit()));
    }
    return out;
  }

  /** Ingested budgets as {@code label=usageAfter}. */
  static List<String> renderUsages(List<BudgetUsage> budgets) {
    List<String> out = new ArrayList<>(budgets.size());
    for (BudgetUsage b : budgets) {
      out.add(label(b.entityId(), b.scopeEntityIds()) + "=" + b.usageAfter());
    }
    return out;
  }

  private static String label(String entityId, Set<String> scope) {
    return scope.isEmpty() ? entityId : entityId + scope.toString().replace(" ", "");
  }

  /**
   * Model-checking options shared by the tests. The guarantee works around a Lincheck 3.7 defect: its
   * static-memory snapshot keeps the objects it tracks in an {@code IdentityHashMap}, so once analysed
   * code reads {@code IdentityHashMap.NULL_KEY} (any iteration over an identity map does) the sentinel
   * becomes a {@code null} key of the snapshot, and restoring it between invocations throws a
   * {@code NullPointerException}. The engine's only identity map is the staging map local to one
   * {@code MemoryOwnerLedger.ingest} call, never shared between threads, so running its methods as
   * one atomic step hides no interleaving.
   */
  static ModelCheckingOptions modelChecking() {
    return new ModelCheckingOptions()
        .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(Domain::isIdentityHashMap).allMethods().treatAsAtomic())
        // Pure functions of an id string: no shared state to interleave on, but loops long enough
        // for the checker to mistake them for a spin while the other thread waits on a stripe.
        .addGuarantee(ManagedStrategyGuaranteeKt.forClasses(Domain::isIdArithmetic).allMethods().treatAsAtomic());
  }

  private static Boolean isIdArithmetic(String className) {
    return className.equals("dev.governor.storage.memory.ClosedReservations$Ids")
        || className.equals("dev.governor.internal.ReservationIds");
  }

  static StressOptions stress() {
    return new StressOptions();
  }

  private static Boolean isIdentityHashMap(String className) {
    return className.startsWith("java.util.IdentityHashMap");
  }

  /** An operation of {@code testClass} with fixed arguments, boxed as the method declares them. */
  static Actor actor(Class<?> testClass, String name, Object... args) {
    for (Method m : testClass.getMethods()) {
      if (m.getName().equals(name)) {
        return new Actor(m, List.of(args), false, false, false, false, false);
      }
    }
    throw new IllegalArgumentException(testClass.getSimpleName() + " has no operation " + name);
  }

  /** A two-thread scenario with an initial part and no post part; {@code validation} may be null. */
  static ExecutionScenario scenario(List<Actor> init, List<Actor> thread1, List<Actor> thread2, Actor validation) {
    return new ExecutionScenario(init, List.of(thread1, thread2), List.of(), validation);
  }

  /** Lincheck's iteration count for a run: {@code base} times {@value #SCALE_PROPERTY} (default 1). */
  static int iterations(int base) {
    String scale = System.getProperty(SCALE_PROPERTY);
    int factor = scale == null || scale.isBlank() ? 1 : Integer.parseInt(scale.trim());
    if (factor < 1) {
      throw new IllegalArgumentException(SCALE_PROPERTY + " must be at least 1, was " + factor);
    }
    return Math.multiplyExact(base, factor);
  }
}
