package dev.governor.conformance.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.GovernanceEngine;
import dev.governor.GovernanceException;
import dev.governor.PageRequest;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityFilter;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.query.TreeQuery;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import dev.governor.spi.GovernanceStore;
import dev.governor.testing.CountingStore;
import dev.governor.testing.FakeClock;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input must not cost super-linear work in its size (issue 6). Time is not measured: on a
 * shared two-core machine any timing bound is either flaky or too loose to mean anything. Instead each
 * call's <em>work</em> is counted deterministically, and the work for an input ten (or a hundred)
 * times larger must grow at most linearly:
 * <ul>
 *   <li>collection inputs (batches, subjects, scopes, dimension maps, page sizes): every call the
 *       engine makes on the store ({@link CountingStore}: catalog reads and writes, every view lookup,
 *       every item a view returns or a ledger operation is handed) plus every element the engine reads
 *       of the input list ({@link CountingList}). Growth must stay within {@code 2 × size ratio}: a
 *       linear cost grows by at most the size ratio (fixed costs only lower it), a quadratic one by
 *       its square, so the factor 2 separates the two with no noise to allow for;</li>
 *   <li>string inputs (ids, names, metadata, search, cursors, keys, dimensions, cadences): the bytes
 *       the calling thread allocates, the least of seven runs after a warm-up. Java copies, encodes,
 *       lower-cases, splits and quotes strings by allocating in proportion to what it touches, so a
 *       quadratic treatment of a 10,000-character value shows up as megabytes; the least of several
 *       runs removes what a first run loads once. The same {@code 2 × size ratio} bound applies.</li>
 * </ul>
 * Blind spot, by construction: a loop that neither touches the store, nor the input collections, nor
 * allocates. Rejections of oversized batches (101 and 10,000 items, 1,001 and 10,000 events) are held
 * to the same bound.
 */
public abstract class LinearWorkConformanceTest {
  private static final String OWNER = "lw-owner";
  private static final String TOKENS = "ai-tokens";
  private static final int RUNS = 7;

  private final AtomicLong inputReads = new AtomicLong();
  private CountingStore store;
  private GovernanceEngine engine;
  private int fresh;

  /** A fresh, unopened store of the implementation under test. */
  protected abstract GovernanceStore newStore();

  @BeforeEach
  void engine() {
    store = new CountingStore(newStore());
    engine = GovernanceEngine.builder().store(store).clock(new FakeClock(Instant.parse("2026-01-15T10:00:00Z"))).build();
    engine.entityTypes().upsert(List.of(
        EntityTypeUpsert.of("org").displayName("Org").attributionKeys("orgId"),
        EntityTypeUpsert.of("user").displayName("User").attributionKeys("userId")));
    engine.capabilities().upsert(List.of(CapabilityUpsert.meter(TOKENS)));
    engine.entities(OWNER).upsert(List.of(EntityUpsert.of("root").type("org")));
  }

  // ------------------------------------------------------------------ measuring

  private <T> List<T> counted(List<T> items) {
    return new CountingList<>(items, inputReads);
  }

  /** Store work plus input reads of one call; a typed rejection is an answer like any other. */
  private long work(Runnable call) {
    long before = store.work() + inputReads.get();
    try {
      call.run();
    } catch (GovernanceException rejected) {
      // Rejecting costs work too, and that is what some cases measure.
    }
    return store.work() + inputReads.get() - before;
  }

  private static void assertLinear(String what, long small, long large, double sizeRatio) {
    double growth = (double) large / Math.max(1, small);
    System.out.printf("[work] %-40s %8d -> %8d  (x%.1f for x%.1f the size)%n", what, small, large, growth, sizeRatio);
    assertThat(growth).as("%s: work %s for the small input, %s for the %sx larger one", what, small, large, sizeRatio)
        .isLessThanOrEqualTo(2 * sizeRatio);
  }

  /** Makes the engine recompile its plans and indexes on the next request, outside any measurement. */
  private void invalidatePlans() {
    engine.entities(OWNER).upsert(List.of(EntityUpsert.of("root").metadata("bump", String.valueOf(fresh++))));
  }

  /** {@code n} new entities under {@code parent} (null for roots), named with a fresh prefix. */
  private List<String> newEntities(int n, String parent, String type) {
    String prefix = "x" + fresh++ + "-";
    List<String> ids = IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    for (int from = 0; from < n; from += 100) {
      List<EntityUpsert> batch = new ArrayList<>();
      for (String id : ids.subList(from, Math.min(n, from + 100))) {
        EntityUpsert u = EntityUpsert.of(id).type(type);
        batch.add(parent == null ? u : u.parent(parent));
      }
      engine.entities(OWNER).upsert(batch);
    }
    return ids;
  }

  private static AssignmentUpsert budget(String entity, String... scope) {
    return AssignmentUpsert.of(entity, TOKENS).scope(scope).usageLimit(1_000_000).cadence("P1M");
  }

  // ------------------------------------------------------------------ oversized batches

  @Test
  void batchRejection_tenThousandItemsVersusHundredAndOne_noMoreThanLinearWork() {
    List<String> ids = newEntities(2, "root", "user");
    Map<String, IntFunction<Runnable>> calls = new LinkedHashMap<>();
    calls.put("entityTypes.upsert", n -> () -> engine.entityTypes().upsert(counted(Collections.nCopies(n,
        EntityTypeUpsert.of("t").displayName("T")))));
    calls.put("capabilities.upsert", n -> () -> engine.capabilities().upsert(counted(Collections.nCopies(n,
        CapabilityUpsert.meter("c")))));
    calls.put("entities.upsert", n -> () -> engine.entities(OWNER).upsert(counted(Collections.nCopies(n,
        EntityUpsert.of(ids.get(0))))));
    calls.put("entities.archive", n -> () -> engine.entities(OWNER).archive(counted(Collections.nCopies(n, ids.get(0)))));
    calls.put("entities.unarchive", n -> () -> engine.entities(OWNER).unarchive(counted(Collections.nCopies(n,
        ids.get(0)))));
    calls.put("assignments.upsert", n -> () -> engine.assignments(OWNER).upsert(counted(Collections.nCopies(n,
        budget(ids.get(1))))));
    calls.put("assignments.delete", n -> () -> engine.assignments(OWNER).delete(counted(Collections.nCopies(n,
        UUID.randomUUID()))));
    calls.put("assignments.deleteByKey", n -> () -> engine.assignments(OWNER).deleteByKey(counted(Collections.nCopies(n,
        AssignmentKey.of(ids.get(1), TOKENS)))));
    calls.forEach((what, call) -> assertLinear(what, work(call.apply(101)), work(call.apply(10_000)), 10_000 / 101.0));
    IntFunction<Runnable> ingest = n -> () -> engine.ingest(OWNER, counted(Collections.nCopies(n,
        UsageEvent.of(ids.get(1), TOKENS, 1))));
    assertLinear("ingest", work(ingest.apply(1_001)), work(ingest.apply(10_000)), 10_000 / 1_001.0);
  }

  // ------------------------------------------------------------------ accepted batches

  @Test
  void entityUpsert_tenVersusHundredNewChildrenOfOneParent_linearWork() {
    IntFunction<Long> upsert = n -> {
      String prefix = "c" + fresh++ + "-";
      List<EntityUpsert> items = IntStream.range(0, n)
          .mapToObj(i -> EntityUpsert.of(prefix + i).type("user").parent("root").metadata("k", "v")).toList();
      return work(() -> engine.entities(OWNER).upsert(counted(items)));
    };
    assertLinear("entities.upsert", upsert.apply(10), upsert.apply(100), 10);
  }

  @Test
  void archiveAndUnarchive_tenVersusHundredIds_linearWork() {
    List<String> small = newEntities(10, "root", "user");
    List<String> large = newEntities(100, "root", "user");
    assertLinear("entities.archive", work(() -> engine.entities(OWNER).archive(counted(small))),
        work(() -> engine.entities(OWNER).archive(counted(large))), 10);
    assertLinear("entities.unarchive", work(() -> engine.entities(OWNER).unarchive(counted(small))),
        work(() -> engine.entities(OWNER).unarchive(counted(large))), 10);
  }

  @Test
  void assignmentUpsert_tenVersusHundredBudgetsOnAsManyEntities_linearWork() {
    IntFunction<Long> upsert = n -> {
      List<AssignmentUpsert> items = newEntities(n, "root", "user").stream().map(id -> budget(id)).toList();
      return work(() -> engine.assignments(OWNER).upsert(counted(items)));
    };
    assertLinear("assignments.upsert over many entities", upsert.apply(10), upsert.apply(100), 10);
  }

  @Test
  void assignmentUpsert_tenVersusHundredScopedBudgetsOfOneEntity_linearWork() {
    List<String> scopes = newEntities(100, "root", "user");
    IntFunction<Long> upsert = n -> {
      String holder = newEntities(1, "root", "org").get(0);
      List<AssignmentUpsert> items = scopes.subList(0, n).stream().map(s -> budget(holder, s)).toList();
      return work(() -> engine.assignments(OWNER).upsert(counted(items)));
    };
    assertLinear("assignments.upsert, all on one entity", upsert.apply(10), upsert.apply(100), 10);
  }

  @Test
  void assignmentUpsert_scopeOfTenVersusHundredIds_linearWork() {
    List<String> scopes = newEntities(100, "root", "user");
    IntFunction<Long> upsert = n -> {
      String holder = newEntities(1, "root", "org").get(0);
      AssignmentUpsert item = AssignmentUpsert.of(holder, TOKENS).scope(counted(scopes.subList(0, n)))
          .usageLimit(5).cadence("P1M");
      return work(() -> engine.assignments(OWNER).upsert(List.of(item)));
    };
    assertLinear("assignments.upsert scope size", upsert.apply(10), upsert.apply(100), 10);
  }

  @Test
  void deleteAndDeleteByKey_tenVersusHundredBudgetsOfOneEntity_linearWork() {
    List<String> scopes = newEntities(100, "root", "user");
    IntFunction<List<Assignment>> budgets = n -> {
      String holder = newEntities(1, "root", "org").get(0);
      return engine.assignments(OWNER).upsert(scopes.subList(0, n).stream().map(s -> budget(holder, s)).toList());
    };
    List<UUID> small = budgets.apply(10).stream().map(Assignment::id).toList();
    List<UUID> large = budgets.apply(100).stream().map(Assignment::id).toList();
    assertLinear("assignments.delete", work(() -> engine.assignments(OWNER).delete(counted(small))),
        work(() -> engine.assignments(OWNER).delete(counted(large))), 10);
    List<AssignmentKey> smallKeys = budgets.apply(10).stream().map(Assignment::key).toList();
    List<AssignmentKey> largeKeys = budgets.apply(100).stream().map(Assignment::key).toList();
    assertLinear("assignments.deleteByKey", work(() -> engine.assignments(OWNER).deleteByKey(counted(smallKeys))),
        work(() -> engine.assignments(OWNER).deleteByKey(counted(largeKeys))), 10);
  }

  // ------------------------------------------------------------------ runtime

  @Test
  void ingest_hundredVersusThousandEventsOverOneChain_linearWork() {
    String leaf = newEntities(1, "root", "user").get(0);
    engine.assignments(OWNER).upsert(List.of(budget(leaf), budget("root")));
    IntFunction<Long> ingest = n -> {
      List<UsageEvent> events = IntStream.range(0, n)
          .mapToObj(i -> UsageEvent.of(leaf, TOKENS, 1).idempotencyKey("evt-" + fresh + "-" + i)).toList();
      fresh++;
      invalidatePlans();
      return work(() -> engine.ingest(OWNER, counted(events)));
    };
    assertLinear("ingest", ingest.apply(100), ingest.apply(1_000), 10);
  }

  @Test
  void checkAndConsume_subjectOfTenVersusHundredEntities_linearWork() {
    List<String> leaves = newEntities(100, "root", "user");
    engine.assignments(OWNER).upsert(leaves.stream().map(id -> budget(id)).toList());
    engine.assignments(OWNER).upsert(List.of(budget("root")));
    IntFunction<Long> check = n -> {
      invalidatePlans();
      return work(() -> engine.check(OWNER, CheckRequest.of(Subject.entities(counted(leaves.subList(0, n))), TOKENS)));
    };
    assertLinear("check by entity ids", check.apply(10), check.apply(100), 10);
    IntFunction<Long> consume = n -> {
      invalidatePlans();
      return work(() -> engine.consume(OWNER, ConsumeRequest.of(Subject.entities(counted(leaves.subList(0, n))), TOKENS,
          1)));
    };
    assertLinear("consume by entity ids", consume.apply(10), consume.apply(100), 10);
  }

  @Test
  void check_tenVersusHundredDimensions_linearWork() {
    List<String> users = newEntities(100, "root", "user");
    IntFunction<Long> check = n -> {
      Map<String, String> dims = new LinkedHashMap<>();
      dims.put("userId", users.get(0));
      for (int i = 1; i < n; i++) {
        dims.put("unknown-" + i, users.get(i));
      }
      invalidatePlans();
      return work(() -> engine.check(OWNER, CheckRequest.of(Subject.dimensions(dims), TOKENS)));
    };
    assertLinear("check by dimensions", check.apply(10), check.apply(100), 10);
  }

  @Test
  void listsAndQuery_pageOfTenVersusHundred_linearWork() {
    List<String> ids = newEntities(300, "root", "user");
    engine.assignments(OWNER).upsert(ids.subList(0, 100).stream().map(id -> budget(id)).toList());
    engine.assignments(OWNER).upsert(ids.subList(100, 200).stream().map(id -> budget(id)).toList());
    IntFunction<Long> entities = n -> work(() -> engine.entities(OWNER).list(EntityFilter.all(), PageRequest.first(n)));
    assertLinear("entities.list", entities.apply(10), entities.apply(100), 10);
    IntFunction<Long> assignments = n -> work(() -> engine.assignments(OWNER).list(PageRequest.first(n)));
    assertLinear("assignments.list", assignments.apply(10), assignments.apply(100), 10);
    IntFunction<Long> query = n -> {
      // Both sizes rebuild the owner's query index, so only the page size differs.
      invalidatePlans();
      return work(() -> engine.query(OWNER, TreeQuery.budgets(TOKENS).limit(n)));
    };
    assertLinear("query", query.apply(10), query.apply(100), 10);
  }

  // ------------------------------------------------------------------ long strings

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
  }

  /** The least allocation of {@code RUNS} runs of a call, after as many runs to warm it up. */
  private static long allocation(Runnable call) {
    long least = Long.MAX_VALUE;
    for (int run = 0; run < 2 * RUNS; run++) {
      long before = allocatedBytes();
      try {
        call.run();
      } catch (GovernanceException rejected) {
        // Rejections are what long values mostly get; their cost is measured.
      }
      long bytes = allocatedBytes() - before;
      if (run >= RUNS) {
        least = Math.min(least, bytes);
      }
    }
    return least;
  }

  private void assertLinearInLength(String what, java.util.function.Function<String, Runnable> call) {
    Supplier<String> thousand = () -> "a" + "b".repeat(999);
    long small = allocation(call.apply(thousand.get()));
    long large = allocation(call.apply("a" + "b".repeat(9_999)));
    double growth = (double) large / Math.max(1, small);
    System.out.printf("[alloc] %-39s %8d -> %8d bytes  (x%.1f for x10 the length)%n", what, small, large, growth);
    assertThat(growth).as("%s: %s bytes allocated for 1,000 characters, %s for 10,000", what, small, large)
        .isLessThanOrEqualTo(2 * 10.0);
  }

  @Test
  void everyStringField_tenTimesLongerValue_allocatesAtMostLinearlyMore() {
    assertThat(((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).isThreadAllocatedMemorySupported())
        .as("the JVM reports per-thread allocation").isTrue();
    String user = newEntities(1, "root", "user").get(0);
    engine.assignments(OWNER).upsert(List.of(budget(user)));
    String cursor = engine.entities(OWNER).list(EntityFilter.all(), PageRequest.first(1)).nextCursor();
    assertLinearInLength("owner id", s -> () -> engine.entities(s));
    assertLinearInLength("entity id", s -> () -> engine.entities(OWNER).get(s));
    assertLinearInLength("entity upsert id", s -> () -> engine.entities(OWNER).upsert(List.of(EntityUpsert.of(s)
        .type("user"))));
    assertLinearInLength("display name", s -> () -> engine.entities(OWNER).upsert(List.of(EntityUpsert.of(user)
        .displayName(s))));
    assertLinearInLength("metadata key", s -> () -> engine.entities(OWNER).upsert(List.of(EntityUpsert.of(user)
        .metadata(s, "v"))));
    assertLinearInLength("metadata value", s -> () -> engine.entities(OWNER).upsert(List.of(EntityUpsert.of(user)
        .metadata("k", s))));
    assertLinearInLength("type id filter", s -> () -> engine.entities(OWNER).list(EntityFilter.all().type(s),
        PageRequest.first()));
    assertLinearInLength("cursor", s -> () -> engine.entities(OWNER).list(EntityFilter.all(), PageRequest.after(s)));
    assertLinearInLength("cursor-shaped text", s -> () -> engine.entities(OWNER).list(EntityFilter.all(),
        PageRequest.after(cursor + s)));
    assertLinearInLength("search", s -> () -> engine.query(OWNER, TreeQuery.tree().search(s)));
    assertLinearInLength("cadence", s -> () -> engine.assignments(OWNER).upsert(List.of(AssignmentUpsert.of(user, TOKENS)
        .cadence("P" + s.replace('a', '1').replace('b', '0') + "M"))));
    assertLinearInLength("idempotency key", s -> () -> engine.consume(OWNER, ConsumeRequest.of(user, TOKENS, 1)
        .idempotencyKey(s)));
    assertLinearInLength("capability id", s -> () -> engine.check(OWNER, CheckRequest.of(user, s)));
    assertLinearInLength("dimension value", s -> () -> engine.check(OWNER, CheckRequest.of(Subject.dimensions(
        Map.of("userId", s)), TOKENS)));
    assertLinearInLength("dimension key", s -> () -> engine.check(OWNER, CheckRequest.of(Subject.dimensions(
        Map.of(s, user)), TOKENS)));
    assertLinearInLength("subject entity id", s -> () -> engine.check(OWNER, CheckRequest.of(Subject.entities(
        Arrays.asList(user, s)), TOKENS)));
  }
}
