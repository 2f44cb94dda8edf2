package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.ConflictException;
import dev.governor.PageRequest;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityFilter;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.spi.GovernanceStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes racing each other stay atomic: a natural key or an attribution key is never taken twice,
 * and child counts never drift from the parent links. Small on purpose; it checks the end state,
 * never timing.
 */
public abstract class CatalogConcurrencyConformanceTest extends CatalogConformanceBase {
  private static final int THREADS = 4;

  private ExecutorService executor;

  /** A new, unopened store; every test gets its own. */
  @Override
  protected abstract GovernanceStore newStore();

  @BeforeEach
  void start() {
    seedTree(OWNER);
    executor = Executors.newFixedThreadPool(THREADS);
  }

  @AfterEach
  void stop() throws InterruptedException {
    executor.shutdownNow();
    assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  /** Runs {@code task} on every thread at once and returns each thread's result or failure. */
  private <T> List<Future<T>> race(Callable<T> task) {
    CountDownLatch gate = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      futures.add(executor.submit(() -> {
        gate.await();
        return task.call();
      }));
    }
    gate.countDown();
    return futures;
  }

  @Test
  void upsert_sameNewNaturalKeyFromManyThreads_oneAssignment() throws Exception {
    List<Future<Assignment>> results = race(() -> assignments().upsert(List.of(budget(ORG, TOKENS).scope(MODEL))).get(0));

    List<Object> ids = new ArrayList<>();
    for (Future<Assignment> f : results) {
      ids.add(f.get(30, TimeUnit.SECONDS).id());
    }
    assertThat(ids).containsOnly(ids.get(0));
    assertThat(assignments().list(PageRequest.first()).items()).hasSize(1);
  }

  @Test
  void upsert_sameAttributionKeyClaimedByManyTypes_exactlyOneWins() throws Exception {
    AtomicInteger contender = new AtomicInteger();
    List<Future<String>> results = race(() -> {
      String id = "type-" + contender.incrementAndGet();
      try {
        engine.entityTypes().upsert(List.of(EntityTypeUpsert.of(id).displayName("T").attributionKeys("sharedKey")));
        return id;
      } catch (ConflictException e) {
        assertThat(e.reason()).isEqualTo(ConflictException.Reason.ATTRIBUTION_KEY_OWNED);
        return null;
      }
    });

    List<String> winners = new ArrayList<>();
    for (Future<String> f : results) {
      String id = f.get(30, TimeUnit.SECONDS);
      if (id != null) {
        winners.add(id);
      }
    }
    assertThat(winners).hasSize(1);
    assertThat(CatalogSnapshot.of(store.catalog(), List.of()).global().keyOwners()).containsEntry("sharedKey", winners.get(0));
  }

  @Test
  void setParent_leavesMovedConcurrently_childCountsMatchLinks() throws Exception {
    List<EntityUpsert> leaves = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      leaves.add(EntityUpsert.of("leaf-" + i).type("user").parent(TEAM_ENG));
    }
    entities().upsert(leaves);

    List<Future<Integer>> results = race(() -> {
      for (int round = 0; round < 25; round++) {
        for (int i = 0; i < 20; i++) {
          String parent = (i + round) % 2 == 0 ? TEAM_OPS : TEAM_ENG;
          entities().upsert(List.of(EntityUpsert.of("leaf-" + i).parent(parent)));
        }
      }
      return 0;
    });
    for (Future<Integer> f : results) {
      f.get(60, TimeUnit.SECONDS);
    }

    List<Entity> all = entities().list(EntityFilter.all().includingArchived(), PageRequest.first(100)).items();
    CatalogSnapshot.Owner owner = snapshot().owners().get(OWNER);
    for (Entity parent : all) {
      long linked = all.stream().filter(e -> parent.id().equals(e.parentId())).count();
      assertThat(owner.childCounts().get(parent.id())).as("children of %s", parent.id()).isEqualTo((int) linked);
    }
    // team-eng still has user-ann, so it may not move even after the churn.
    expectConflict(0, "parentId", ConflictException.Reason.NON_LEAF_MOVE,
        () -> entities().upsert(List.of(EntityUpsert.of(TEAM_ENG).detachParent())));
  }
}
