package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Cadence;
import dev.governor.catalog.Entity;
import dev.governor.spi.CatalogStore;
import dev.governor.spi.CommitResult;
import dev.governor.spi.GovernanceStore;
import dev.governor.spi.OwnerChanges;
import dev.governor.spi.OwnerSnapshot;
import dev.governor.spi.StoredAssignment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The owner half of the {@link CatalogStore} contract, exercised without the engine: immutable
 * snapshots, optimistic commits of whole change sets against an expected version (all or nothing),
 * versions, child counts, ordering and owner isolation.
 */
public abstract class CatalogStoreContractConformanceTest {
  static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
  private static final String A = "cus-a";
  private static final String B = "cus-b";

  private CatalogStore catalog;
  private ExecutorService executor;

  /** A new, empty store. */
  protected abstract GovernanceStore newStore();

  @BeforeEach
  void openStore() {
    catalog = newStore().catalog();
  }

  @AfterEach
  void stopExecutor() throws InterruptedException {
    if (executor != null) {
      executor.shutdownNow();
      assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  static Entity entity(String id, String parentId) {
    return new Entity(id, "team", null, Map.of(), parentId, null, T0, T0);
  }

  private static Entity named(Entity e, String name) {
    return new Entity(e.id(), e.typeId(), name, e.metadata(), e.parentId(), e.archivedAt(), e.createdAt(), e.updatedAt());
  }

  static StoredAssignment assignment(String entityId, String capabilityId, String... scope) {
    return new StoredAssignment(UUID.randomUUID(), entityId, capabilityId, Set.of(scope), 10L, null, List.of(), Cadence.monthly(),
        null, null, T0, T0);
  }

  private static OwnerChanges entities(Entity... entities) {
    return new OwnerChanges(List.of(entities), List.of(), List.of(), List.of());
  }

  private static OwnerChanges changes(List<Entity> entities, List<StoredAssignment> assignments, List<UUID> removed) {
    return new OwnerChanges(entities, assignments, removed, List.of());
  }

  /** Commits against the owner's current version and asserts it was applied. */
  private long commit(String ownerId, OwnerChanges changes) {
    long before = catalog.owner(ownerId, null).version();
    CommitResult result = catalog.commitOwner(ownerId, before, changes);
    assertThat(result.committed()).as("commit at version %d", before).isTrue();
    assertThat(result.version()).isEqualTo(before + 1);
    return result.version();
  }

  private OwnerSnapshot owner(String ownerId) {
    return catalog.owner(ownerId, null);
  }

  private CatalogSnapshot snapshot() {
    return CatalogSnapshot.of(catalog, List.of(A, B));
  }

  @Test
  void owner_unknownOwner_emptyAtVersionZero() {
    OwnerSnapshot v = owner(A);

    assertThat(v.ownerId()).isEqualTo(A);
    assertThat(v.version()).isZero();
    assertThat(v.entity("x")).isNull();
    assertThat(v.childCount("x")).isZero();
    assertThat(v.assignmentsOf("x")).isEmpty();
    assertThat(v.entities(null, true, null, 10)).isEmpty();
    assertThat(v.assignments(null, null, null, 10)).isEmpty();
  }

  @Test
  void commitOwner_emptyChangeSet_ownerStaysEmptyAtVersionZero() {
    CommitResult result = catalog.commitOwner(A, 0, changes(List.of(), List.of(), List.of()));

    assertThat(result.version()).isZero();
    assertThat(owner(A).version()).isZero();
  }

  @Test
  void commitOwner_expectedVersion_appliedWholeAtTheNextVersion() {
    StoredAssignment a = assignment("e1", "ai-tokens");

    long version = commit(A, changes(List.of(entity("root", null), entity("e1", "root")), List.of(a), List.of()));

    OwnerSnapshot v = owner(A);
    assertThat(version).isEqualTo(1);
    assertThat(v.version()).isEqualTo(1);
    assertThat(v.entity("e1").parentId()).isEqualTo("root");
    assertThat(v.childCount("root")).isEqualTo(1);
    assertThat(v.assignment(a.id())).isEqualTo(a);
    assertThat(v.assignment(a.key())).isEqualTo(a);
    assertThat(v.counter(a.id())).isNotNull();
  }

  @Test
  void commitOwner_staleExpectedVersion_conflictWithCurrentVersionAndNothingApplied() {
    commit(A, entities(entity("e1", null)));
    commit(A, entities(entity("e2", null)));
    CatalogSnapshot before = snapshot();

    CommitResult result = catalog.commitOwner(A, 1, entities(entity("e3", null)));

    assertThat(result.committed()).isFalse();
    assertThat(result.version()).isEqualTo(2);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void snapshot_laterCommits_neverChanges() {
    commit(A, entities(entity("root", null)));
    OwnerSnapshot old = owner(A);

    commit(A, changes(List.of(named(entity("root", null), "Root"), entity("e1", "root")),
        List.of(assignment("root", "ai-tokens")), List.of()));

    assertThat(old.version()).isEqualTo(1);
    assertThat(old.entity("e1")).isNull();
    assertThat(old.entity("root").displayName()).isNull();
    assertThat(old.childCount("root")).isZero();
    assertThat(old.assignmentsOf("root")).isEmpty();
    assertThat(owner(A).entity("root").displayName()).isEqualTo("Root");
  }

  @Test
  void commitOwner_changeSetBrokenPartWay_throwsAndAppliesNothing() {
    commit(A, entities(entity("root", null)));
    CatalogSnapshot before = snapshot();
    // Valid writes first, then an assignment of an entity that does not exist.
    OwnerChanges broken = changes(List.of(entity("e1", "root"), entity("e2", "root")),
        List.of(assignment("e1", "ai-tokens"), assignment("ghost", "ai-tokens")), List.of());

    Throwable thrown = catchThrowable(() -> catalog.commitOwner(A, 1, broken));

    assertThat(thrown).isInstanceOf(RuntimeException.class);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void commitOwner_firstCommitOfOwnerBroken_ownerStaysEmpty() {
    Throwable thrown = catchThrowable(() -> catalog.commitOwner(A, 0, entities(entity("e1", "missing-parent"))));

    assertThat(thrown).isInstanceOf(RuntimeException.class);
    assertThat(owner(A).version()).isZero();
    assertThat(owner(A).entity("e1")).isNull();
  }

  @Test
  void commitOwner_manyWritersAtOneVersion_exactlyOneWins() throws Exception {
    commit(A, entities(entity("root", null)));
    executor = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<CommitResult>> results = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      String id = "writer-" + w;
      results.add(executor.submit(() -> {
        start.await();
        return catalog.commitOwner(A, 1, entities(entity(id, "root")));
      }));
    }
    start.countDown();

    int won = 0;
    for (Future<CommitResult> f : results) {
      CommitResult r = f.get(30, TimeUnit.SECONDS);
      won += r.committed() ? 1 : 0;
      assertThat(r.version()).isEqualTo(2);
    }
    assertThat(won).isEqualTo(1);
    assertThat(owner(A).childCount("root")).isEqualTo(1);
  }

  @Test
  void owner_readDuringCommits_seesWholeChangeSetsOnly() throws Exception {
    commit(A, entities(entity("root", null)));
    executor = Executors.newFixedThreadPool(2);
    Future<?> writer = executor.submit(() -> {
      for (int i = 0; i < 300; i++) {
        commit(A, entities(entity("x" + i, "root"), entity("y" + i, "root")));
      }
    });
    while (!writer.isDone()) {
      OwnerSnapshot v = owner(A);
      List<Entity> all = new ArrayList<>();
      v.forEachEntity(all::add);
      // Each commit adds a pair: a snapshot never shows half of one.
      assertThat(all.size() % 2).as("entities at version %d", v.version()).isEqualTo(1);
      assertThat(v.childCount("root")).isEqualTo(all.size() - 1);
      assertThat(v.version()).isEqualTo(1 + (all.size() - 1) / 2);
    }
    writer.get();
  }

  @Test
  void childCount_parentLinksChanged_followsThem() {
    commit(A, entities(entity("a", null), entity("b", null), entity("c", "a")));
    assertThat(owner(A).childCount("a")).isEqualTo(1);

    commit(A, entities(entity("c", "b"), entity("d", "b")));

    assertThat(owner(A).childCount("a")).isZero();
    assertThat(owner(A).childCount("b")).isEqualTo(2);
    commit(A, entities(entity("c", null)));
    assertThat(owner(A).childCount("b")).isEqualTo(1);
  }

  @Test
  void assignmentsOf_insertedShuffled_orderedByCapabilityThenScope() {
    List<StoredAssignment> expected = List.of(
        assignment("e1", "ai-tokens"),
        assignment("e1", "ai-tokens", "m1"),
        assignment("e1", "ai-tokens", "m1", "m2"),
        assignment("e1", "ai-tokens", "m2"),
        assignment("e1", "api-calls"));
    List<StoredAssignment> shuffled = new ArrayList<>();
    for (int i : new int[] {3, 0, 4, 2, 1}) {
      shuffled.add(expected.get(i));
    }

    commit(A, changes(List.of(entity("e1", null)), shuffled, List.of()));

    assertThat(owner(A).assignmentsOf("e1")).containsExactlyElementsOf(expected);
  }

  @Test
  void assignments_filtersAfterAndLimit_naturalKeyOrderAcrossEntities() {
    StoredAssignment b1 = assignment("b", "ai-tokens");
    StoredAssignment b2 = assignment("b", "ai-tokens", "a");
    StoredAssignment b3 = assignment("b", "api-calls");
    StoredAssignment a1 = assignment("a", "api-calls");
    StoredAssignment c1 = assignment("c", "ai-tokens");
    commit(A, changes(List.of(entity("c", null), entity("a", null), entity("b", null)), List.of(c1, b3, a1, b2, b1), List.of()));

    OwnerSnapshot v = owner(A);
    assertThat(v.assignments(null, null, null, 100)).containsExactly(a1, b1, b2, b3, c1);
    assertThat(v.assignments(null, null, null, 2)).containsExactly(a1, b1);
    assertThat(v.assignments(null, null, b1.key(), 100)).containsExactly(b2, b3, c1);
    assertThat(v.assignments(null, null, AssignmentKey.of("b", "ai-tokens", "0"), 100)).containsExactly(b2, b3, c1);
    assertThat(v.assignments("b", null, null, 100)).containsExactly(b1, b2, b3);
    assertThat(v.assignments("b", null, b2.key(), 100)).containsExactly(b3);
    assertThat(v.assignments(null, "ai-tokens", null, 100)).containsExactly(b1, b2, c1);
    assertThat(v.assignments(null, "ai-tokens", b2.key(), 1)).containsExactly(c1);
    assertThat(v.assignments("b", "api-calls", null, 100)).containsExactly(b3);
    assertThat(v.assignments("zzz", null, null, 100)).isEmpty();
    List<StoredAssignment> each = new ArrayList<>();
    v.forEachAssignment(each::add);
    assertThat(each).containsExactly(a1, b1, b2, b3, c1);
  }

  @Test
  void putAssignment_sameId_replacedEverywhereAndKeepsItsCounter() {
    StoredAssignment a = assignment("e1", "ai-tokens");
    StoredAssignment changed = new StoredAssignment(a.id(), "e1", "ai-tokens", Set.of(), 99L, 50L, List.of(0.5, 0.9),
        Cadence.parse("P1D"), null, java.time.ZoneId.of("Asia/Kolkata"), T0, T0.plusSeconds(5));
    commit(A, changes(List.of(entity("e1", null)), List.of(a), List.of()));
    Object counter = owner(A).counter(a.id());

    commit(A, changes(List.of(), List.of(changed), List.of()));

    OwnerSnapshot v = owner(A);
    assertThat(v.assignment(a.id())).isEqualTo(changed);
    assertThat(v.assignmentsOf("e1")).containsExactly(changed);
    assertThat(v.assignments(null, null, null, 10)).containsExactly(changed);
    assertThat(v.counter(a.id())).isEqualTo(counter);
  }

  @Test
  void removeAssignment_existing_goneFromEveryIndex() {
    StoredAssignment a = assignment("e1", "ai-tokens");
    StoredAssignment b = assignment("e1", "api-calls");
    commit(A, changes(List.of(entity("e1", null)), List.of(a, b), List.of()));

    commit(A, changes(List.of(), List.of(), List.of(a.id())));

    OwnerSnapshot v = owner(A);
    assertThat(v.assignment(a.id())).isNull();
    assertThat(v.assignment(a.key())).isNull();
    assertThat(v.assignmentsOf("e1")).containsExactly(b);
    assertThat(v.assignments(null, null, null, 10)).containsExactly(b);
    assertThat(catchThrowable(() -> v.counter(a.id()))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void entities_typeArchivedAfterAndLimit_idOrder() {
    Entity archived = new Entity("b", "user", null, Map.of(), null, T0, T0, T0);
    Entity user = new Entity("d", "user", null, Map.of(), null, null, T0, T0);
    commit(A, entities(entity("c", null), user, archived, entity("a", null), entity("B", null)));

    OwnerSnapshot v = owner(A);
    assertThat(ids(v.entities(null, true, null, 100))).containsExactly("B", "a", "b", "c", "d");
    assertThat(ids(v.entities(null, false, null, 100))).containsExactly("B", "a", "c", "d");
    assertThat(ids(v.entities(null, false, "a", 100))).containsExactly("c", "d");
    assertThat(ids(v.entities(null, true, "a", 2))).containsExactly("b", "c");
    assertThat(ids(v.entities("user", true, null, 100))).containsExactly("b", "d");
    assertThat(ids(v.entities("user", false, null, 100))).containsExactly("d");
    assertThat(ids(v.entities("team", false, null, 2))).containsExactly("B", "a");
    List<Entity> each = new ArrayList<>();
    v.forEachEntity(each::add);
    assertThat(ids(each)).containsExactly("B", "a", "b", "c", "d");
  }

  private static List<String> ids(List<Entity> entities) {
    return entities.stream().map(Entity::id).toList();
  }

  @Test
  void owner_otherOwnersWrites_invisible() {
    commit(A, changes(List.of(entity("root", null), entity("e1", "root")), List.of(assignment("e1", "ai-tokens")), List.of()));

    OwnerSnapshot b = owner(B);
    assertThat(b.version()).isZero();
    assertThat(b.entity("e1")).isNull();
    assertThat(b.childCount("root")).isZero();
    assertThat(b.assignments(null, null, null, 10)).isEmpty();
  }

  @Test
  void commitOwner_sameIdsInTwoOwners_independent() {
    commit(A, entities(entity("e1", null)));
    commit(B, entities(named(entity("e1", null), "B's")));

    assertThat(owner(A).entity("e1").displayName()).isNull();
    assertThat(owner(B).entity("e1").displayName()).isEqualTo("B's");
    assertThat(owner(A).version()).isEqualTo(1);
    assertThat(owner(B).version()).isEqualTo(1);
  }
}
