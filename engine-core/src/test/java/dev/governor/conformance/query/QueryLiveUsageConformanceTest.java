package dev.governor.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.EntityUpsert;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads are live: a query reflects every consume and ingest that returned before it (docs/semantics.md §8.2). */
public abstract class QueryLiveUsageConformanceTest extends QueryConformanceBase {
  private static final String ORG = "org-acme";
  private static final String TEAM = "team-eng";
  private static final String ANN = "user-ann";
  private static final String MODEL = "model-gpt4o";

  @BeforeEach
  void seed() {
    seedCatalog();
    createEntities(
        EntityUpsert.of(ORG).type("org"),
        EntityUpsert.of(TEAM).type("team").parent(ORG),
        EntityUpsert.of(ANN).type("user").parent(TEAM),
        EntityUpsert.of(MODEL).type("model"));
    createBudgets(OWNER,
        monthly(ORG, TOKENS, 1_000),
        monthly(TEAM, TOKENS, 500),
        monthly(TEAM, TOKENS, 100).scope(MODEL),
        unlimitedMonthly(ANN, TOKENS));
  }

  /** Current usage of org, team, team[gpt-4o] and ann, in that order. */
  private List<Long> usage() {
    return rows(TreeQuery.budgets(TOKENS).sortBy(SortField.ID)).stream().map(TreeRow::currentUsage).toList();
  }

  @Test
  void query_afterEachConsume_showsItAtEveryLevel() {
    for (long k = 1; k <= 5; k++) {
      consume(ANN, TOKENS, 7);

      assertThat(usage()).as("after consume %d", k).containsExactly(7 * k, 7 * k, 0L, 7 * k);
    }
  }

  @Test
  void query_afterConsumeByDimensions_showsItOnTheScopedBudget() {
    consume(OWNER, Subject.dimensions(Map.of("userId", ANN, "modelId", MODEL)), TOKENS, 30);

    assertThat(usage()).containsExactly(30L, 30L, 30L, 30L);
  }

  @Test
  void query_afterIngest_showsItEvenPastTheLimit() {
    ingest(OWNER, Subject.entities(ANN, MODEL), TOKENS, 150);

    List<TreeRow> rows = rows(TreeQuery.budgets(TOKENS).sortBy(SortField.ID));
    assertThat(rows).extracting(TreeRow::currentUsage).containsExactly(150L, 150L, 150L, 150L);
    assertThat(rows).extracting(TreeRow::utilization).containsExactly(0.15, 0.3, 1.5, null);
  }

  @Test
  void query_afterTryConsume_showsIt() {
    assertThat(engine.tryConsume(OWNER, ANN, TOKENS, 12)).isTrue();

    assertThat(usage()).containsExactly(12L, 12L, 0L, 12L);
  }

  @Test
  void query_afterDeniedConsume_showsNothingAdded() {
    consume(ANN, TOKENS, 450);
    ConsumeResult denied = engine.consume(OWNER, ConsumeRequest.of(ANN, TOKENS, 51));

    assertThat(denied.status()).isEqualTo(ConsumeResult.Status.DENIED);
    assertThat(usage()).containsExactly(450L, 450L, 0L, 450L);
  }

  @Test
  void query_afterDuplicateIngest_countsItOnce() {
    UsageEvent event = UsageEvent.of(ANN, TOKENS, 9).idempotencyKey("evt-1");
    engine.ingest(OWNER, List.of(event));
    List<EventResult> again = engine.ingest(OWNER, List.of(event)).events();

    assertThat(again).extracting(EventResult::outcome).containsExactly(EventResult.Outcome.DUPLICATE);
    assertThat(usage()).containsExactly(9L, 9L, 0L, 9L);
  }

  @Test
  void query_afterIngestBatch_showsEveryEvent() {
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      events.add(UsageEvent.of(ANN, TOKENS, 1));
    }
    engine.ingest(OWNER, events);

    assertThat(usage()).containsExactly(1_000L, 1_000L, 0L, 1_000L);
  }

  @Test
  void query_concurrentConsumers_eachQuerySeesAtLeastEveryConsumeThatReturnedBeforeIt() throws Exception {
    int threads = 2;
    // 400 in all stays within team-eng's limit of 500, so every consume is granted.
    int perThread = 200;
    AtomicLong returned = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            assertThat(engine.tryConsume(OWNER, ANN, TOKENS, 1)).isTrue();
            returned.incrementAndGet();
            // Every consume counted here returned before this query started.
            long atLeast = returned.get();
            TreeRow ann = onlyRow(TreeQuery.budgets(TOKENS).search(ANN));
            assertThat(ann.currentUsage()).isGreaterThanOrEqualTo(atLeast);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    long total = (long) threads * perThread;
    assertThat(usage()).containsExactly(total, total, 0L, total);
  }
}
