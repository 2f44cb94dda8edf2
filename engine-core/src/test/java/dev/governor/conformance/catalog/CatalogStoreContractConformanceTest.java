package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Cadence;
import dev.governor.catalog.Capability;
import dev.governor.catalog.CapabilityType;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityType;
import dev.governor.spi.CatalogStore;
import dev.governor.spi.GovernanceStore;
import dev.governor.spi.OwnerCatalogTransaction;
import dev.governor.spi.StoreContext;
import dev.governor.spi.StoredAssignment;
import dev.governor.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link CatalogStore} contract, exercised without the engine: atomic updates with rollback,
 * versions, child counts, ordering, the attribution-key index and owner isolation.
 */
public abstract class CatalogStoreContractConformanceTest {
  private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");
  private static final String A = "cus-a";
  private static final String B = "cus-b";

  private CatalogStore catalog;
  private ExecutorService executor;

  /** A new, empty store that serves no engine yet. */
  protected abstract GovernanceStore newStore();

  private GovernanceStore store;

  @BeforeEach
  void openStore() {
    store = newStore();
    store.open(new StoreContext(FakeClock.atDefaultStart(), Duration.ofHours(24)));
    catalog = store.catalog();
  }

  @AfterEach
  void stopExecutor() throws InterruptedException {
    if (executor != null) {
      executor.shutdownNow();
      assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static Entity entity(String id, String parentId) {
    return new Entity(id, "team", null, Map.of(), parentId, null, T0, T0);
  }

  private static StoredAssignment assignment(String entityId, String capabilityId, String... scope) {
    return new StoredAssignment(UUID.randomUUID(), entityId, capabilityId, Set.of(scope), 10L, Cadence.monthly(), null, T0, T0);
  }

  private void write(String ownerId, Consumer<OwnerCatalogTransaction> work) {
    catalog.updateOwner(ownerId, tx -> {
      work.accept(tx);
      return null;
    });
  }

  private long version(String ownerId) {
    return catalog.readOwner(ownerId, v -> v.version());
  }

  private long globalVersion() {
    return catalog.readGlobal(v -> v.version());
  }

  private Entity read(String ownerId, String id) {
    return catalog.readOwner(ownerId, v -> v.entity(id));
  }

  private int childCount(String ownerId, String id) {
    return catalog.readOwner(ownerId, v -> v.childCount(id));
  }

  private List<StoredAssignment> allAssignments(String ownerId) {
    return catalog.readOwner(ownerId, v -> {
      List<StoredAssignment> out = new ArrayList<>();
      v.forEachAssignment(out::add);
      return out;
    });
  }

  private CatalogSnapshot snapshot() {
    return CatalogSnapshot.of(catalog, List.of(A, B));
  }

  /** A failure the store must let through untouched. */
  private static final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** Errors, not only runtime exceptions, must roll back too. */
  private static final class FatalBoom extends Error {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void open_storeAlreadyServesAnEngine_illegalState() {
    Throwable thrown = catchThrowable(() -> store.open(new StoreContext(FakeClock.atDefaultStart(), Duration.ofHours(1))));

    assertThat(thrown).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void readOwner_unknownOwner_emptyAtVersionZero() {
    catalog.readOwner("cus-unknown", v -> {
      assertThat(v.ownerId()).isEqualTo("cus-unknown");
      assertThat(v.version()).isZero();
      assertThat(v.entity("x")).isNull();
      assertThat(v.childCount("x")).isZero();
      assertThat(v.assignmentsOf("x")).isEmpty();
      assertThat(v.assignment(UUID.randomUUID())).isNull();
      assertThat(v.entities(null, true, null, 10)).isEmpty();
      assertThat(v.assignments(null, null, null, 10)).isEmpty();
      List<Object> seen = new ArrayList<>();
      v.forEachEntity(seen::add);
      v.forEachAssignment(seen::add);
      assertThat(seen).isEmpty();
      return null;
    });
  }

  @Test
  void updateOwner_workWritesNothing_ownerStaysEmptyAtVersionZero() {
    Integer result = catalog.updateOwner(A, tx -> 42);

    assertThat(result).isEqualTo(42);
    assertThat(version(A)).isZero();
  }

  @Test
  void updateOwner_workReturns_resultPassedBackAndWritesVisible() {
    StoredAssignment a = assignment("e1", "ai-tokens");

    String result = catalog.updateOwner(A, tx -> {
      tx.putEntity(entity("e1", null));
      tx.putAssignment(a);
      return "done";
    });

    assertThat(result).isEqualTo("done");
    assertThat(read(A, "e1")).isEqualTo(entity("e1", null));
    catalog.readOwner(A, v -> {
      assertThat(v.assignment(a.id())).isEqualTo(a);
      assertThat(v.assignmentsOf("e1")).containsExactly(a);
      return null;
    });
  }

  @Test
  void updateOwner_insideTransaction_readsOwnWrites() {
    write(A, tx -> {
      tx.putEntity(entity("root", null));
      tx.putEntity(entity("child", "root"));
      assertThat(tx.entity("child")).isEqualTo(entity("child", "root"));
      assertThat(tx.childCount("root")).isEqualTo(1);
      StoredAssignment a = assignment("child", "ai-tokens");
      tx.putAssignment(a);
      assertThat(tx.assignment(a.id())).isEqualTo(a);
      assertThat(tx.assignmentsOf("child")).containsExactly(a);
    });
  }

  @Test
  void updateOwner_write_versionGrows() {
    write(A, tx -> tx.putEntity(entity("e1", null)));
    long v1 = version(A);

    write(A, tx -> tx.putEntity(entity("e2", null)));

    assertThat(v1).isPositive();
    assertThat(version(A)).isGreaterThan(v1);
  }

  @Test
  void updateOwner_noWrite_versionUnchanged() {
    write(A, tx -> tx.putEntity(entity("e1", null)));
    long v1 = version(A);

    catalog.updateOwner(A, tx -> tx.entity("e1"));

    assertThat(version(A)).isEqualTo(v1);
  }

  @Test
  void updateOwner_workThrows_everyWriteRolledBackAndSameExceptionRethrown() {
    StoredAssignment kept = assignment("e1", "ai-tokens");
    StoredAssignment removed = assignment("e1", "api-calls");
    write(A, tx -> {
      tx.putEntity(entity("root", null));
      tx.putEntity(entity("e1", "root"));
      tx.putEntity(entity("e2", null));
      tx.putAssignment(kept);
      tx.putAssignment(removed);
    });
    CatalogSnapshot before = snapshot();
    Boom boom = new Boom();

    Throwable thrown = catchThrowable(() -> catalog.updateOwner(A, tx -> {
      tx.putEntity(entity("new", "root"));
      tx.putEntity(entity("e1", "e2"));
      tx.putEntity(new Entity("e2", "team", "renamed", Map.of("k", "v"), null, T0, T0, T0.plusSeconds(1)));
      tx.putAssignment(new StoredAssignment(kept.id(), "e1", "ai-tokens", Set.of(), null, Cadence.parse("P1D"), T0, T0, T0));
      tx.putAssignment(assignment("new", "ai-tokens", "e2"));
      tx.removeAssignment(removed.id());
      throw boom;
    }));

    assertThat(thrown).isSameAs(boom);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void updateOwner_workThrowsError_everyWriteRolledBackAndSameErrorRethrown() {
    write(A, tx -> tx.putEntity(entity("root", null)));
    CatalogSnapshot before = snapshot();
    FatalBoom boom = new FatalBoom();

    Throwable thrown = catchThrowable(() -> catalog.updateOwner(A, tx -> {
      tx.putEntity(entity("child", "root"));
      tx.putAssignment(assignment("root", "ai-tokens"));
      throw boom;
    }));

    assertThat(thrown).isSameAs(boom);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void updateOwner_firstUpdateOfOwnerThrows_ownerStaysEmpty() {
    Throwable thrown = catchThrowable(() -> catalog.updateOwner(A, tx -> {
      tx.putEntity(entity("e1", null));
      throw new Boom();
    }));

    assertThat(thrown).isInstanceOf(Boom.class);
    assertThat(version(A)).isZero();
    assertThat(read(A, "e1")).isNull();
  }

  @Test
  void updateOwner_concurrentReader_seesAllWritesOrNone() throws Exception {
    executor = Executors.newSingleThreadExecutor();
    CountDownLatch firstWritten = new CountDownLatch(1);
    CountDownLatch readerStarted = new CountDownLatch(1);
    Future<Integer> seen = executor.submit(() -> {
      assertThat(firstWritten.await(10, TimeUnit.SECONDS)).isTrue();
      readerStarted.countDown();
      return catalog.readOwner(A, v -> (v.entity("e1") == null ? 0 : 1) + (v.entity("e2") == null ? 0 : 1));
    });

    write(A, tx -> {
      tx.putEntity(entity("e1", null));
      firstWritten.countDown();
      try {
        assertThat(readerStarted.await(10, TimeUnit.SECONDS)).isTrue();
        // Give the reader time to reach the store while the update is half done.
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      tx.putEntity(entity("e2", null));
    });

    assertThat(seen.get(10, TimeUnit.SECONDS)).isIn(0, 2);
  }

  @Test
  void childCount_parentLinksChanged_followsThem() {
    write(A, tx -> {
      tx.putEntity(entity("root", null));
      tx.putEntity(entity("a", "root"));
      tx.putEntity(entity("b", "root"));
    });
    assertThat(childCount(A, "root")).isEqualTo(2);

    write(A, tx -> tx.putEntity(entity("b", "a")));
    assertThat(childCount(A, "root")).isEqualTo(1);
    assertThat(childCount(A, "a")).isEqualTo(1);

    write(A, tx -> tx.putEntity(new Entity("b", "team", "renamed", Map.of(), "a", null, T0, T0)));
    assertThat(childCount(A, "a")).as("a re-put with the same parent is not a second child").isEqualTo(1);

    write(A, tx -> tx.putEntity(entity("b", null)));
    assertThat(childCount(A, "a")).isZero();
    assertThat(childCount(A, "b")).isZero();
    assertThat(childCount(A, "missing")).isZero();
  }

  @Test
  void childCount_failedUpdate_restored() {
    write(A, tx -> {
      tx.putEntity(entity("root", null));
      tx.putEntity(entity("a", "root"));
      tx.putEntity(entity("b", null));
    });

    assertThat(catchThrowable(() -> catalog.updateOwner(A, tx -> {
      tx.putEntity(entity("a", "b"));
      tx.putEntity(entity("c", "b"));
      throw new Boom();
    }))).isInstanceOf(Boom.class);

    assertThat(childCount(A, "root")).isEqualTo(1);
    assertThat(childCount(A, "b")).isZero();
  }

  @Test
  void assignmentsOf_insertedShuffled_orderedByCapabilityThenScope() {
    List<StoredAssignment> expected = List.of(
        assignment("e1", "ai-tokens"),
        assignment("e1", "ai-tokens", "m1"),
        assignment("e1", "ai-tokens", "m1", "m2"),
        assignment("e1", "ai-tokens", "m2"),
        assignment("e1", "api-calls"));
    write(A, tx -> {
      tx.putEntity(entity("e1", null));
      for (int i : new int[] {3, 0, 4, 2, 1}) {
        tx.putAssignment(expected.get(i));
      }
    });

    List<StoredAssignment> stored = catalog.readOwner(A, v -> v.assignmentsOf("e1"));
    assertThat(stored).containsExactlyElementsOf(expected);
  }

  @Test
  void assignments_filtersAfterAndLimit_naturalKeyOrderAcrossEntities() {
    StoredAssignment b1 = assignment("b", "ai-tokens");
    StoredAssignment b2 = assignment("b", "ai-tokens", "a");
    StoredAssignment b3 = assignment("b", "api-calls");
    StoredAssignment a1 = assignment("a", "api-calls");
    StoredAssignment c1 = assignment("c", "ai-tokens");
    write(A, tx -> {
      tx.putEntity(entity("c", null));
      tx.putEntity(entity("a", null));
      tx.putEntity(entity("b", null));
      for (StoredAssignment s : List.of(c1, b3, a1, b2, b1)) {
        tx.putAssignment(s);
      }
    });

    catalog.readOwner(A, v -> {
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
      return null;
    });
  }

  @Test
  void putAssignment_sameId_replacesInEveryIndex() {
    StoredAssignment a = assignment("e1", "ai-tokens");
    StoredAssignment changed = new StoredAssignment(a.id(), "e1", "ai-tokens", Set.of(), 99L, Cadence.parse("P1D"), null, T0, T0.plusSeconds(5));
    write(A, tx -> {
      tx.putEntity(entity("e1", null));
      tx.putAssignment(a);
    });

    write(A, tx -> tx.putAssignment(changed));

    catalog.readOwner(A, v -> {
      assertThat(v.assignment(a.id())).isEqualTo(changed);
      assertThat(v.assignmentsOf("e1")).containsExactly(changed);
      assertThat(v.assignments(null, null, null, 10)).containsExactly(changed);
      return null;
    });
  }

  @Test
  void removeAssignment_existing_goneFromEveryIndex() {
    StoredAssignment a = assignment("e1", "ai-tokens");
    StoredAssignment b = assignment("e1", "api-calls");
    write(A, tx -> {
      tx.putEntity(entity("e1", null));
      tx.putAssignment(a);
      tx.putAssignment(b);
    });

    write(A, tx -> tx.removeAssignment(a.id()));

    catalog.readOwner(A, v -> {
      assertThat(v.assignment(a.id())).isNull();
      assertThat(v.assignmentsOf("e1")).containsExactly(b);
      assertThat(v.assignments(null, null, null, 10)).containsExactly(b);
      return null;
    });
    assertThat(allAssignments(A)).containsExactly(b);
  }

  @Test
  void entities_typeArchivedAfterAndLimit_idOrder() {
    Entity archived = new Entity("b", "user", null, Map.of(), null, T0, T0, T0);
    Entity user = new Entity("d", "user", null, Map.of(), null, null, T0, T0);
    write(A, tx -> {
      for (Entity e : List.of(entity("c", null), user, archived, entity("a", null), entity("B", null))) {
        tx.putEntity(e);
      }
    });

    catalog.readOwner(A, v -> {
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
      return null;
    });
  }

  private static List<String> ids(List<Entity> entities) {
    return entities.stream().map(Entity::id).toList();
  }

  @Test
  void readOwner_otherOwnersWrites_invisible() {
    write(A, tx -> {
      tx.putEntity(entity("root", null));
      tx.putEntity(entity("e1", "root"));
      tx.putAssignment(assignment("e1", "ai-tokens"));
    });

    assertThat(version(B)).isZero();
    assertThat(read(B, "e1")).isNull();
    assertThat(childCount(B, "root")).isZero();
    assertThat(allAssignments(B)).isEmpty();
  }

  @Test
  void updateOwner_sameIdsInTwoOwners_independent() {
    write(A, tx -> tx.putEntity(entity("e1", null)));
    write(B, tx -> tx.putEntity(new Entity("e1", "user", "Bee", Map.of(), null, null, T0, T0)));
    long versionA = version(A);

    write(B, tx -> tx.putEntity(new Entity("e1", "user", "Bee 2", Map.of(), null, null, T0, T0)));

    assertThat(read(A, "e1")).isEqualTo(entity("e1", null));
    assertThat(version(A)).isEqualTo(versionA);
  }

  @Test
  void updateOwner_failsForOneOwner_otherUntouched() {
    write(B, tx -> tx.putEntity(entity("e1", null)));
    CatalogSnapshot before = snapshot();

    assertThat(catchThrowable(() -> catalog.updateOwner(A, tx -> {
      tx.putEntity(entity("e1", null));
      throw new Boom();
    }))).isInstanceOf(Boom.class);

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void updateGlobal_putEntityType_keysIndexed() {
    EntityType org = new EntityType("org", "Org", List.of("orgId", "tenantId"), T0, T0);

    catalog.updateGlobal(tx -> {
      tx.putEntityType(org);
      assertThat(tx.attributionKeyOwner("orgId")).isEqualTo("org");
      return null;
    });

    catalog.readGlobal(v -> {
      assertThat(v.entityType("org")).isEqualTo(org);
      assertThat(v.attributionKeyOwner("orgId")).isEqualTo("org");
      assertThat(v.attributionKeyOwner("tenantId")).isEqualTo("org");
      assertThat(v.attributionKeyOwner("teamId")).isNull();
      return null;
    });
  }

  @Test
  void updateGlobal_keysReplaced_oldKeysReleased() {
    catalog.updateGlobal(tx -> {
      tx.putEntityType(new EntityType("org", "Org", List.of("orgId", "tenantId"), T0, T0));
      return null;
    });

    catalog.updateGlobal(tx -> {
      tx.putEntityType(new EntityType("org", "Org", List.of("accountId", "orgId"), T0, T0));
      tx.putEntityType(new EntityType("tenant", "Tenant", List.of("tenantId"), T0, T0));
      return null;
    });

    catalog.readGlobal(v -> {
      assertThat(v.attributionKeyOwner("accountId")).isEqualTo("org");
      assertThat(v.attributionKeyOwner("orgId")).isEqualTo("org");
      assertThat(v.attributionKeyOwner("tenantId")).isEqualTo("tenant");
      return null;
    });
  }

  @Test
  void updateGlobal_workThrows_typesCapabilitiesAndKeysRolledBack() {
    catalog.updateGlobal(tx -> {
      tx.putEntityType(new EntityType("org", "Org", List.of("orgId"), T0, T0));
      tx.putCapability(new Capability("ai-tokens", CapabilityType.METER, T0, T0));
      return null;
    });
    CatalogSnapshot before = snapshot();
    Boom boom = new Boom();

    Throwable thrown = catchThrowable(() -> catalog.updateGlobal(tx -> {
      tx.putEntityType(new EntityType("org", "Org 2", List.of(), T0, T0));
      tx.putEntityType(new EntityType("tenant", "Tenant", List.of("orgId"), T0, T0));
      tx.putCapability(new Capability("ai-tokens", CapabilityType.METER, T0, T0.plusSeconds(1)));
      tx.putCapability(new Capability("seats", CapabilityType.METER, T0, T0));
      throw boom;
    }));

    assertThat(thrown).isSameAs(boom);
    assertThat(snapshot()).isEqualTo(before);
    catalog.readGlobal(v -> {
      assertThat(v.attributionKeyOwner("orgId")).isEqualTo("org");
      assertThat(v.entityType("tenant")).isNull();
      return null;
    });
  }

  @Test
  void updateGlobal_version_growsOnlyWhenSomethingWritten() {
    long v0 = globalVersion();

    catalog.updateGlobal(tx -> tx.entityType("org"));
    assertThat(globalVersion()).isEqualTo(v0);

    catalog.updateGlobal(tx -> {
      tx.putCapability(new Capability("ai-tokens", CapabilityType.METER, T0, T0));
      return null;
    });
    long v1 = globalVersion();
    assertThat(v1).isGreaterThan(v0);

    assertThat(catchThrowable(() -> catalog.updateGlobal(tx -> {
      tx.putCapability(new Capability("seats", CapabilityType.METER, T0, T0));
      throw new Boom();
    }))).isInstanceOf(Boom.class);
    assertThat(globalVersion()).isEqualTo(v1);
  }

  @Test
  void readGlobal_typesAndCapabilities_orderedByIdAfterAndLimit() {
    catalog.updateGlobal(tx -> {
      for (String id : Arrays.asList("user", "Agent", "org", "9th")) {
        tx.putEntityType(new EntityType(id, id, List.of(), T0, T0));
        tx.putCapability(new Capability(id, CapabilityType.METER, T0, T0));
      }
      return null;
    });

    catalog.readGlobal(v -> {
      assertThat(v.entityTypes(null, 100)).extracting(EntityType::id).containsExactly("9th", "Agent", "org", "user");
      assertThat(v.entityTypes("Agent", 1)).extracting(EntityType::id).containsExactly("org");
      assertThat(v.capabilities(null, 2)).extracting(Capability::id).containsExactly("9th", "Agent");
      assertThat(v.capabilities("org", 100)).extracting(Capability::id).containsExactly("user");
      assertThat(v.capabilities("zzz", 100)).isEmpty();
      return null;
    });
  }
}
