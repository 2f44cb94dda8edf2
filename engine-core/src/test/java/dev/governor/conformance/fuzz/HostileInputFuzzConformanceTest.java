package dev.governor.conformance.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.governor.GovernanceEngine;
import dev.governor.PageRequest;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityFilter;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.conformance.fuzz.Findings.Kind;
import dev.governor.query.TreeQuery;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.UsageEvent;
import dev.governor.spi.GovernanceStore;
import dev.governor.testing.FakeClock;
import dev.governor.testing.Seeds;
import dev.governor.testing.model.CatalogModel;
import dev.governor.testing.model.RuntimeModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Hostile input (issue 6): a seeded fuzz of the whole public API, at least 100,000 calls in the
 * default build. Every call of every namespace (entity types, capabilities, entities, assignments)
 * and check, consume, ingest, isAllowed, tryConsume and query is made with random and adversarial
 * values (see {@link Hostile}) and, side by side, on a reference model written from docs/semantics.md
 * ({@link CatalogModel}, {@link RuntimeModel}, {@link QueryModel}). It asserts that
 * <ul>
 *   <li>each call either succeeds exactly as the model says the semantics (docs/semantics.md) requires, or throws a documented
 *       typed error ({@code ValidationException}, {@code NotFoundException}, {@code ConflictException})
 *       whose {@code field()} is set and named in its message, exactly when the model rejects the
 *       request too; nothing else escapes (no {@code NullPointerException},
 *       {@code ArithmeticException}, {@code IndexOutOfBoundsException}, {@code ClassCastException},
 *       {@code IllegalArgumentException}, {@code IllegalStateException}, and no
 *       {@code StoreUnavailableException} from a healthy store);</li>
 *   <li>no call corrupts state: every 2,000 calls and at the end the whole state is read back (types,
 *       capabilities, entities with parents and metadata, assignments, the usage of every budget) and
 *       must equal the model, which only ever takes over what the engine accepted;</li>
 *   <li>owner isolation: a victim owner's complete observable state (every list page and cursor, every
 *       lookup, query page and check) is byte-for-byte the same after the run as before it, and no
 *       response to the fuzzed owner contains any of the victim's ids, secrets or assignment ids unless
 *       the request itself named them.</li>
 * </ul>
 * Every disagreement is collected (grouped, with the first input that hit it and a count) and the
 * test fails at the end with the full report and the seed; {@code -Dgovernor.seed=N} replays a run
 * exactly (the engine runs on a fixed {@link FakeClock} and one thread). Super-linear work is the
 * subject of {@link LinearWorkConformanceTest}.
 */
public abstract class HostileInputFuzzConformanceTest {
  /** The number of calls; {@code -Dgovernor.fuzz.calls=N} runs more. */
  static final int CALLS = Math.max(100_000, Integer.getInteger("governor.fuzz.calls", 100_000));
  static final String OWNER = "fz-owner";
  static final String VICTIM = Hostile.VICTIM_MARK + "-owner";
  static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
  /** Shallow, so that chains of pool entities run past it often. */
  static final int MAX_DEPTH = 6;

  /** A fresh, unopened store of the implementation under test. */
  protected abstract GovernanceStore newStore();

  /** How many calls to fuzz: {@link #CALLS}; a store whose every call is a round trip may run fewer by default. */
  protected int calls() {
    return CALLS;
  }

  @Test
  void publicApi_hundredThousandHostileCalls_onlyTypedErrorsStateAgreesWithModelAndVictimUntouched() {
    long seed = Seeds.seed(getClass().getSimpleName() + ".publicApi_hundredThousandHostileCalls");
    GovernanceEngine engine = GovernanceEngine.builder().store(newStore()).clock(new FakeClock(NOW))
        .maxDepth(MAX_DEPTH).build();
    Findings findings = new Findings(seed);
    Hostile h = new Hostile(new SplittableRandom(seed));
    CatalogModel model = seedEngineWideCatalog(engine);
    List<UUID> victimAssignments = seedVictim(engine);
    Set<String> victimTokens = new HashSet<>();
    victimTokens.add(Hostile.VICTIM_MARK);
    victimAssignments.forEach(id -> victimTokens.add(id.toString()));
    List<String> victimBefore = VictimSnapshot.take(engine, VICTIM, Hostile.BASE_CAPABILITIES);

    Fuzzer f = new Fuzzer(engine, OWNER, NOW, h, findings, model, victimTokens);
    f.victimCursors.addAll(victimCursors(engine));
    CatalogOps catalog = new CatalogOps(f, victimAssignments);
    ReadOps reads = new ReadOps(f, catalog);
    RuntimeOps runtime = new RuntimeOps(f, catalog);
    List<Weighted> ops = List.of(
        new Weighted(3, catalog::upsertTypes), new Weighted(1, catalog::getType),
        new Weighted(2, catalog::upsertCapabilities), new Weighted(1, catalog::getCapability),
        new Weighted(2, reads::listTypesOrCapabilities), new Weighted(1, catalog::hostileOwner),
        new Weighted(10, catalog::upsertEntities), new Weighted(3, catalog::getEntity),
        new Weighted(4, reads::listEntities), new Weighted(2, () -> catalog.archive(true)),
        new Weighted(4, () -> catalog.archive(false)), new Weighted(2, catalog::chain), new Weighted(1, catalog::cycle),
        new Weighted(12, catalog::upsertAssignments), new Weighted(3, catalog::getAssignment),
        new Weighted(4, reads::listAssignments), new Weighted(1, catalog::deleteAssignments),
        new Weighted(1, catalog::deleteByKey), new Weighted(9, runtime::check), new Weighted(9, runtime::consume),
        new Weighted(8, runtime::ingest), new Weighted(4, runtime::isAllowed), new Weighted(4, runtime::tryConsume),
        new Weighted(8, reads::query));
    int total = ops.stream().mapToInt(Weighted::weight).sum();

    long nextStateCheck = 2_000;
    long nextVictimCheck = 25_000;
    int calls = calls();
    while (f.calls < calls) {
      // Keep the catalog small enough for the model to recompute everything on every call.
      h.hostility = h.chance(0.4) ? 0 : 1;
      Runnable op = f.own().rows().size() > 200 ? catalog::deleteAssignments : pick(ops, h.rnd.nextInt(total));
      op.run();
      if (f.calls >= nextStateCheck) {
        f.verifyState("after " + f.calls + " calls");
        nextStateCheck += 2_000;
      }
      if (f.calls >= nextVictimCheck) {
        compareVictim(engine, victimBefore, findings, "after " + f.calls + " calls");
        nextVictimCheck += 25_000;
      }
    }
    f.verifyState("at the end");
    compareVictim(engine, victimBefore, findings, "at the end");

    System.out.println(f.summary());
    assertThat(f.calls).isGreaterThanOrEqualTo(calls);
    if (!findings.isEmpty()) {
      fail(findings.report());
    }
  }

  private record Weighted(int weight, Runnable op) {}

  private static Runnable pick(List<Weighted> ops, int ticket) {
    for (Weighted w : ops) {
      ticket -= w.weight();
      if (ticket < 0) {
        return w.op();
      }
    }
    throw new IllegalStateException("no op for ticket " + ticket);
  }

  /** Types and capabilities shared by both owners, mirrored in a fresh model. */
  private static CatalogModel seedEngineWideCatalog(GovernanceEngine engine) {
    List<EntityTypeUpsert> types = new ArrayList<>();
    for (int i = 0; i < Hostile.BASE_TYPES.size(); i++) {
      String id = Hostile.BASE_TYPES.get(i);
      types.add(EntityTypeUpsert.of(id).displayName(id).attributionKeys(Hostile.BASE_KEYS.get(i)));
    }
    List<CapabilityUpsert> capabilities = Hostile.BASE_CAPABILITIES.stream().map(CapabilityUpsert::meter).toList();
    engine.entityTypes().upsert(types);
    engine.capabilities().upsert(capabilities);
    CatalogModel model = new CatalogModel(MAX_DEPTH);
    model.upsertTypes(types, NOW);
    model.upsertCapabilities(capabilities, NOW);
    return model;
  }

  /** The victim owner: a chain with secrets in names and metadata, budgets, usage, claimed keys. */
  private static List<UUID> seedVictim(GovernanceEngine engine) {
    String org = Pools.VICTIM_ENTITIES.get(0);
    String team = Pools.VICTIM_ENTITIES.get(1);
    String user = Pools.VICTIM_ENTITIES.get(2);
    Map<String, String> secret = new TreeMap<>(Map.of("secret", Hostile.VICTIM_MARK + "-s3cr3t"));
    engine.entities(VICTIM).upsert(List.of(
        EntityUpsert.of(org).type("org").displayName(Hostile.VICTIM_MARK + " Org").metadata(secret),
        EntityUpsert.of(team).type("team").parent(org).displayName(Hostile.VICTIM_MARK + " Team"),
        EntityUpsert.of(user).type("user").parent(team).metadata(secret)));
    List<Assignment> budgets = engine.assignments(VICTIM).upsert(List.of(
        AssignmentUpsert.of(user, "ai-tokens").usageLimit(100).cadence("P1M"),
        AssignmentUpsert.of(team, "ai-tokens").usageLimit(1_000).cadence("PT1H"),
        AssignmentUpsert.of(org, "ai-tokens").scope(user).usageLimit(50).cadence("P1D"),
        AssignmentUpsert.of(org, "api-calls").unlimited().cadence("P1M")));
    // Usage and claimed keys whose names the fuzz uses too: keys are per owner.
    engine.consume(VICTIM, ConsumeRequest.of(user, "ai-tokens", 7).idempotencyKey("i0"));
    engine.ingest(VICTIM, List.of(UsageEvent.of(user, "api-calls", 5).idempotencyKey("i1"),
        UsageEvent.of(team, "ai-tokens", 11).idempotencyKey("i2")));
    engine.entities(VICTIM).archive(List.of(team));
    return new ArrayList<>(budgets.stream().map(Assignment::id).toList());
  }

  private static List<String> victimCursors(GovernanceEngine engine) {
    List<String> out = new ArrayList<>();
    out.add(engine.entities(VICTIM).list(new EntityFilter(null, false), PageRequest.first(1)).nextCursor());
    out.add(engine.entities(VICTIM).list(new EntityFilter(null, true), PageRequest.first(1)).nextCursor());
    out.add(engine.assignments(VICTIM).list(PageRequest.first(1)).nextCursor());
    out.add(engine.query(VICTIM, TreeQuery.budgets("ai-tokens").includeArchived(true).limit(1)).nextCursor());
    out.add(engine.query(VICTIM, TreeQuery.tree().includeArchived(true).limit(1)).nextCursor());
    out.removeIf(c -> c == null);
    return out;
  }

  private static void compareVictim(GovernanceEngine engine, List<String> before, Findings findings, String when) {
    List<String> after = VictimSnapshot.take(engine, VICTIM, Hostile.BASE_CAPABILITIES);
    if (!after.equals(before)) {
      findings.add(Kind.ISOLATION_BROKEN, "the victim's state changed " + when,
          () -> "before " + before + "\n    after  " + after, null);
    }
  }
}
