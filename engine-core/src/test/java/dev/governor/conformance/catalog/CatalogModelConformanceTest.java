package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.governor.ConflictException;
import dev.governor.GovernanceEngine;
import dev.governor.GovernanceException;
import dev.governor.NotFoundException;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentFilter;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityFilter;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.spi.GovernanceStore;
import dev.governor.testing.FakeClock;
import dev.governor.testing.Seeds;
import dev.governor.testing.model.CatalogModel;
import dev.governor.testing.model.ModelKey;
import dev.governor.testing.model.ModelRow;
import dev.governor.testing.model.Rejection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Model-based conformance of the catalog (docs/semantics.md §1, §2, §8.2 paging, §9): thousands of random
 * operations, valid and invalid, run against the engine and against an independent reference model,
 * with the engine's whole catalog compared to the model after every step. Each store module runs it
 * by extending this class; a failure names the seed and the step, and {@code -Dgovernor.seed=N}
 * replays the exact run. Each test drives its engine and model from one thread.
 */
public abstract class CatalogModelConformanceTest {
  /** Enough steps to reach deep hierarchies, key thefts and re-sends many times over. */
  static final int STEPS = 5_000;
  /** Small, so that depth violations are common rather than theoretical. */
  static final int MAX_DEPTH = 4;
  /** How often an accepted operation is sent again at once, to check idempotence. */
  static final int RESEND_PERCENT = 15;

  /** A fresh, empty store for one engine. */
  protected abstract GovernanceStore newStore();

  /** How many random steps to run: {@value #STEPS}; a store whose every call is a round trip may run fewer by default. */
  protected int steps() {
    return STEPS;
  }

  private GovernanceEngine engine(FakeClock clock) {
    return GovernanceEngine.builder().store(newStore()).clock(clock).maxDepth(MAX_DEPTH).build();
  }

  @Test
  void randomCatalogOperations_validAndInvalidAcrossOwners_engineStateMatchesModelAfterEveryStep() {
    long seed = Seeds.seed(getClass().getSimpleName() + ".randomCatalogOperations");
    SplittableRandom rnd = new SplittableRandom(seed);
    FakeClock clock = FakeClock.atDefaultStart();
    GovernanceEngine engine = engine(clock);
    CatalogGenerator generator = new CatalogGenerator(rnd.split());
    CatalogStateVerifier verifier = new CatalogStateVerifier(engine, rnd.split());
    CatalogModel model = new CatalogModel(MAX_DEPTH);
    CatalogOperation lastApplied = null;
    int applied = 0;
    TreeMap<String, Integer> seen = new TreeMap<>();
    int steps = steps();
    for (int step = 1; step <= steps; step++) {
      // A distinct instant per step, so every createdAt/updatedAt pins down the step that wrote it.
      clock.advance(Duration.ofMillis(1 + rnd.nextInt(5_000)));
      CatalogOperation op = lastApplied != null && rnd.nextInt(100) < RESEND_PERCENT ? lastApplied : generator.next(model);
      try {
        CatalogModel next = step(engine, model, op, clock, seen);
        lastApplied = next == model ? null : op;
        applied += next == model ? 0 : 1;
        model = next;
        verifier.verify(model);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(printable("catalog model conformance failed: seed=" + seed + " step=" + step
            + " (replay with -D" + Seeds.PROPERTY + "=" + seed + ")\noperation: " + op.describe() + "\n" + e.getMessage()), e);
      }
    }
    System.out.println("[catalog-model] seed=" + seed + " steps=" + steps + " accepted=" + applied + " outcomes=" + seen);
    model.owners().values().forEach(o -> System.out.println("[catalog-model] owner " + o.ownerId() + ": "
        + o.entities().size() + " entities, " + o.rows().size() + " assignments, max depth "
        + o.entities().keySet().stream().mapToInt(o::depth).max().orElse(0)));
    // A generator that only produced rejections, or never reached a rule, would prove little.
    assertThat(applied).as("accepted operations out of %d", steps).isGreaterThan(steps / 4);
    if (steps < STEPS) {
      // A shortened run (a remote store's default build) checks every step it takes, but cannot
      // promise to reach every rare rule: the coverage of the generator is proved at full length.
      return;
    }
    for (ConflictException.Reason reason : ConflictException.Reason.values()) {
      if (reason != ConflictException.Reason.IDEMPOTENCY_KEY_REUSED && reason != ConflictException.Reason.RESERVATION_CLOSED) {
        // Every catalog rule; a reused idempotency key and a closed reservation are runtime rules,
        // tested with the runtime (ReservationConformanceTest).
        assertThat(seen).as("rejections seen").containsKey("ConflictException " + reason);
      }
    }
    assertThat(seen).as("rejections seen").containsKeys("NotFoundException entity", "NotFoundException entity type",
        "NotFoundException capability", "ValidationException ownerId", "ValidationException cadence",
        "ValidationException usageLimit", "ValidationException typeId", "ValidationException metadata");
    assertThat(model.owners().values()).allSatisfy(o -> assertThat(o.entities()).as("entities of %s", o.ownerId()).isNotEmpty());
  }

  /**
   * Runs one operation on the engine and on a working copy of the model and checks the result;
   * returns the model after it (the same instance when the operation must change nothing).
   */
  private static CatalogModel step(
      GovernanceEngine engine, CatalogModel model, CatalogOperation op, FakeClock clock, Map<String, Integer> seen) {
    CatalogModel work = model.copy();
    List<?> outputs = null;
    Rejection rejected = null;
    try {
      outputs = op.predict(work, clock.instant());
    } catch (Rejection r) {
      rejected = r;
    }
    List<?> actual;
    try {
      actual = op.run(engine);
    } catch (GovernanceException e) {
      if (rejected != null) {
        assertRejection(rejected, e);
        seen.merge(e.getClass().getSimpleName() + " " + (e instanceof ConflictException c ? c.reason()
            : e instanceof NotFoundException n ? n.kind() : e.field()), 1, Integer::sum);
        return model;
      }
      throw new AssertionError("the engine rejected an operation the model accepts; expected result "
          + outputs + "\nbut got " + describe(e), e);
    }
    if (rejected != null) {
      fail("the engine accepted an operation the model rejects at index %d with one of %s; the engine returned %s",
          rejected.index(), rejected.acceptable(), actual);
    }
    seen.merge("accepted " + op.getClass().getSimpleName(), 1, Integer::sum);
    assertThat(actual).as("result size").hasSize(outputs.size());
    Map<UUID, UUID> assigned = new LinkedHashMap<>();
    for (int i = 0; i < outputs.size(); i++) {
      Object want = outputs.get(i);
      Object got = actual.get(i);
      if (want instanceof Assignment a && ModelRow.isPlaceholder(a.id())) {
        // A new assignment: the engine picks the UUID; the model checks everything else and that the
        // same new row carries the same id wherever it appears in the result.
        assertThat(got).as("result item %d", i).isInstanceOf(Assignment.class);
        UUID id = ((Assignment) got).id();
        assertThat(id).as("id of new assignment at item %d", i).isNotNull();
        UUID first = assigned.putIfAbsent(a.id(), id);
        want = withId(a, first == null ? id : first);
      }
      assertThat(got).as("result item %d", i).isEqualTo(want);
    }
    if (!assigned.isEmpty()) {
      Set<UUID> known = new HashSet<>();
      model.owners().values().forEach(o -> o.rows().values().forEach(r -> known.add(r.id())));
      assertThat(new HashSet<>(assigned.values())).as("ids of new assignments are distinct")
          .hasSize(assigned.size()).noneMatch(known::contains);
      work.owner(op.ownerId()).rebind(assigned);
    }
    return work;
  }

  /** Failure messages show control characters as escapes: the bad inputs are full of them. */
  private static String printable(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      sb.append(c != '\n' && Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return sb.toString();
  }

  private static Assignment withId(Assignment a, UUID id) {
    return new Assignment(id, a.entityId(), a.capabilityId(), a.scopeEntityIds(), a.usageLimit(), a.softLimit(),
        a.alertThresholds(), a.cadence(), a.anchor(), a.timeZone(), a.parentId(), a.createdAt(), a.updatedAt());
  }

  private static void assertRejection(Rejection expected, GovernanceException e) {
    String actual = describe(e);
    assertThat(e.index()).as("index of the rejected item; acceptable %s; engine threw %s", expected.acceptable(), actual)
        .isEqualTo(expected.index());
    assertThat(expected.acceptable()).as("rule reported for item %d; engine threw %s", expected.index(), actual)
        .anyMatch(v -> v.matches(e));
  }

  private static String describe(GovernanceException e) {
    StringBuilder s = new StringBuilder(e.getClass().getSimpleName())
        .append("(index=").append(e.index()).append(", field=").append(e.field());
    if (e instanceof ConflictException c) {
      s.append(", reason=").append(c.reason());
    }
    if (e instanceof NotFoundException n) {
      s.append(", kind=").append(n.kind());
    }
    return s.append("): ").append(e.getMessage()).toString();
  }

  // ------------------------------------------------------------------ paging over large lists

  /** Id characters in code-unit order matter for the cursor: '-' '.' digits upper '_' lower '|'. */
  private static final String ID_CHARS = "-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz|";

  private static String randomId(SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder();
    String first = ID_CHARS.substring(2, 64).replace("_", "");
    sb.append(first.charAt(rnd.nextInt(first.length())));
    int n = rnd.nextInt(12);
    for (int i = 0; i < n; i++) {
      sb.append(ID_CHARS.charAt(rnd.nextInt(ID_CHARS.length())));
    }
    return sb.toString();
  }

  @Test
  void list_thousandEntitiesAndAssignmentsWithRandomPageSizes_eachItemAppearsOnceInDocumentedOrder() {
    long seed = Seeds.seed(getClass().getSimpleName() + ".listPaging");
    SplittableRandom rnd = new SplittableRandom(seed);
    FakeClock clock = FakeClock.atDefaultStart();
    GovernanceEngine engine = engine(clock);
    CatalogStateVerifier pager = new CatalogStateVerifier(engine, rnd.split());
    String owner = "paging@owner";
    String context = "seed=" + seed + " (replay with -D" + Seeds.PROPERTY + "=" + seed + ")";

    engine.entityTypes().upsert(List.of(EntityTypeUpsert.of("node").displayName("Node")));
    List<String> capabilities = List.of("cap-a", "cap.a", "cap_a", "capA", "cap|a", "cap");
    List<CapabilityUpsert> caps = new ArrayList<>();
    capabilities.forEach(c -> caps.add(CapabilityUpsert.meter(c)));
    engine.capabilities().upsert(caps);

    TreeSet<String> ids = new TreeSet<>();
    while (ids.size() < 1_000) {
      ids.add(randomId(rnd));
    }
    List<String> shuffled = new ArrayList<>(ids);
    java.util.Collections.shuffle(shuffled, new java.util.Random(rnd.nextLong()));
    for (int from = 0; from < shuffled.size(); from += 100) {
      List<EntityUpsert> batch = new ArrayList<>();
      for (String id : shuffled.subList(from, from + 100)) {
        batch.add(EntityUpsert.of(id).type("node"));
      }
      engine.entities(owner).upsert(batch);
    }
    TreeSet<String> archived = new TreeSet<>();
    for (String id : shuffled) {
      if (rnd.nextInt(10) == 0) {
        archived.add(id);
      }
    }
    List<String> toArchive = new ArrayList<>(archived);
    for (int from = 0; from < toArchive.size(); from += 100) {
      engine.entities(owner).archive(toArchive.subList(from, Math.min(from + 100, toArchive.size())));
    }

    // Keys with shared prefixes in entity, capability and scope, so the order's tie-breaks all matter.
    List<String> scopePool = new ArrayList<>(ids).subList(0, 12);
    TreeMap<ModelKey, Boolean> keys = new TreeMap<>(ModelKey.ORDER);
    List<String> entityPool = new ArrayList<>(ids).subList(0, 150);
    while (keys.size() < 1_000) {
      List<String> scope = new ArrayList<>();
      int n = rnd.nextInt(4);
      for (int i = 0; i < n; i++) {
        scope.add(scopePool.get(rnd.nextInt(scopePool.size())));
      }
      keys.put(new ModelKey(entityPool.get(rnd.nextInt(entityPool.size())),
          capabilities.get(rnd.nextInt(capabilities.size())), scope), Boolean.TRUE);
    }
    List<ModelKey> keyList = new ArrayList<>(keys.keySet());
    java.util.Collections.shuffle(keyList, new java.util.Random(rnd.nextLong()));
    for (int from = 0; from < keyList.size(); from += 100) {
      List<AssignmentUpsert> batch = new ArrayList<>();
      for (ModelKey k : keyList.subList(from, from + 100)) {
        batch.add(AssignmentUpsert.of(k.entityId(), k.capabilityId()).scope(k.scope()).usageLimit(10).cadence("P1M"));
      }
      engine.assignments(owner).upsert(batch);
    }

    List<String> active = new ArrayList<>(ids);
    active.removeAll(archived);
    for (int round = 0; round < 5; round++) {
      List<String> all = ids(pager.drain("all entities", p -> engine.entities(owner).list(EntityFilter.all().includingArchived(), p)));
      assertThat(all).as("%s round %d: entities", context, round).doesNotHaveDuplicates();
      CatalogStateVerifier.assertSameList(context + " round " + round + ": every entity once, ordered by id", all, ids);
      List<String> listed = ids(pager.drain("active entities", p -> engine.entities(owner).list(p)));
      assertThat(listed).as("%s round %d: active entities", context, round).doesNotHaveDuplicates();
      CatalogStateVerifier.assertSameList(context + " round " + round + ": every active entity once, ordered by id", listed, active);

      List<ModelKey> rows = new ArrayList<>();
      pager.drain("assignments", p -> engine.assignments(owner).list(p)).forEach(a -> rows.add(ModelKey.of(a.key())));
      assertThat(rows).as("%s round %d: assignments", context, round).doesNotHaveDuplicates();
      CatalogStateVerifier.assertSameList(
          context + " round " + round + ": every assignment once, by entity, capability, scope", rows, keys.keySet());

      String capability = capabilities.get(rnd.nextInt(capabilities.size()));
      List<ModelKey> ofCapability = new ArrayList<>();
      pager.drain("assignments of " + capability, p -> engine.assignments(owner).list(AssignmentFilter.all().capability(capability), p))
          .forEach(a -> ofCapability.add(ModelKey.of(a.key())));
      List<ModelKey> expected = new ArrayList<>();
      keys.keySet().stream().filter(k -> k.capabilityId().equals(capability)).forEach(expected::add);
      assertThat(ofCapability).as("%s round %d: assignments of %s", context, round, capability).doesNotHaveDuplicates();
      CatalogStateVerifier.assertSameList(context + " round " + round + ": assignments of " + capability, ofCapability, expected);
    }
  }

  private static List<String> ids(List<Entity> entities) {
    List<String> out = new ArrayList<>(entities.size());
    entities.forEach(e -> out.add(e.id()));
    return out;
  }
}
