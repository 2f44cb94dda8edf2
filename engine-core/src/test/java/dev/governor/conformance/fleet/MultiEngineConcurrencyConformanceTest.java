package dev.governor.conformance.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.Assignment;
import dev.governor.conformance.runtime.RuntimeConformanceBase;
import dev.governor.conformance.runtime.Workers;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult.Status;
import dev.governor.spi.GovernanceStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Two engines on one store under load: four threads per engine consume against one shared org
 * budget through users under two teams, while a fifth thread raises and lowers the team limits
 * through one of the engines. Conservation must hold exactly: what was granted equals what was
 * recorded at every level, and no budget passes the limit in force when a consume was granted.
 */
public abstract class MultiEngineConcurrencyConformanceTest extends RuntimeConformanceBase {
  private static final int THREADS_PER_ENGINE = 4;
  private static final int CONSUMES_PER_THREAD = 5_000;
  private static final long ORG_LIMIT = 20_000;
  private static final String[] USERS = {"user-alice", "user-bob", "user-carol", "agent-bot"};

  private GovernanceStore shared;

  /** Consumes per thread: {@value #CONSUMES_PER_THREAD}; a store whose every call is a round trip may run fewer by default. */
  protected int consumesPerThread() {
    return CONSUMES_PER_THREAD;
  }

  /**
   * The store the second engine uses: {@code shared} itself by default; a remote store returns
   * another client of the same data (its own connection), as a second service instance would have.
   */
  protected GovernanceStore secondEngineStore(GovernanceStore shared) {
    return shared;
  }

  @Override
  protected GovernanceStore engineStore() {
    shared = newStore();
    return shared;
  }

  @Test
  void consume_fourThreadsPerEngineOnOneOrgBudget_neverOverspendsAndGrantedEqualsRecordedAtEveryLevel() {
    GovernanceEngine other = GovernanceEngine.builder().store(secondEngineStore(shared)).clock(clock).build();
    Assignment org = tokens("org-acme", ORG_LIMIT);
    Assignment eng = tokens("team-eng", 15_000);
    Assignment sales = tokens("team-sales", 15_000);
    Map<String, AtomicLong> grantedByUser = new ConcurrentHashMap<>();
    AtomicLong granted = new AtomicLong();
    List<Workers.Task> tasks = new ArrayList<>();
    for (GovernanceEngine e : List.of(engine, other)) {
      for (int t = 0; t < THREADS_PER_ENGINE; t++) {
        int thread = t;
        tasks.add(() -> {
          for (int i = 0; i < consumesPerThread(); i++) {
            String user = USERS[(thread + i) % USERS.length];
            long amount = 1 + (i % 3);
            if (e == other && i % 2 == 0 ? e.tryConsume(OWNER, user, TOKENS, amount)
                : e.consume(OWNER, ConsumeRequest.of(user, TOKENS, amount)).status() == Status.GRANTED) {
              granted.addAndGet(amount);
              grantedByUser.computeIfAbsent(user, k -> new AtomicLong()).addAndGet(amount);
            }
          }
        });
      }
    }
    List<Workers.Observer> churn = List.of(running -> {
      // Limits move under the consumes through the other engine; each change is a new catalog version.
      for (int round = 0; running.getAsBoolean(); round++) {
        long limit = round % 2 == 0 ? 12_000 : 15_000;
        other.assignments(OWNER).upsert(List.of(dev.governor.catalog.AssignmentUpsert.of("team-eng", TOKENS).usageLimit(limit)));
        Thread.sleep(2);
      }
    });

    Workers.run("two-engines", Duration.ofMinutes(5), tasks, churn);

    long orgUsage = usage(org);
    long engUsage = usage(eng);
    long salesUsage = usage(sales);
    assertThat(orgUsage).as("org usage = everything granted through both engines").isEqualTo(granted.get());
    assertThat(orgUsage).as("never past the org limit").isLessThanOrEqualTo(ORG_LIMIT);
    long engGranted = sum(grantedByUser, "user-alice", "user-bob", "agent-bot");
    assertThat(engUsage).as("team-eng usage = what its users were granted").isEqualTo(engGranted);
    assertThat(salesUsage).as("team-sales usage = what its user was granted").isEqualTo(sum(grantedByUser, "user-carol"));
    assertThat(engUsage).as("never past the highest team-eng limit in force").isLessThanOrEqualTo(15_000);
    assertThat(granted.get()).as("the budgets were exhausted, so both grants and denials happened")
        .isGreaterThan(ORG_LIMIT / 2);
    // The two engines agree on every number afterwards.
    assertThat(other.usage(OWNER, org.id()).orElseThrow().currentUsage()).isEqualTo(orgUsage);
    assertThat(other.usage(OWNER, eng.id()).orElseThrow().currentUsage()).isEqualTo(engUsage);
  }

  private static long sum(Map<String, AtomicLong> byUser, String... users) {
    long total = 0;
    for (String u : users) {
      AtomicLong v = byUser.get(u);
      total += v == null ? 0 : v.get();
    }
    return total;
  }
}
