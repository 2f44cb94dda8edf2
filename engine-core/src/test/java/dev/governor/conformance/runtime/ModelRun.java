package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.governor.GovernanceEngine;
import dev.governor.GovernanceException;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.Subject;
import dev.governor.spi.GovernanceStore;
import dev.governor.testing.FakeClock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * One randomized run: the engine under test, the reference model, the shared fake clock and the
 * random source, plus the comparison every step goes through. Failures name the seed, the step and
 * the last steps taken, so a run can be replayed with {@code -Dgovernor.seed=N}.
 */
final class ModelRun {
  static final List<String> OWNERS = List.of("cus-alpha", "cus-beta@example.com");
  static final List<String> CAPABILITIES = List.of("tokens", "calls");
  /** Attribution key to type; users answer to two keys so that two dimensions can name one entity. */
  static final Map<String, String> KEYS = Map.of(
      "orgId", "org", "teamId", "team", "userId", "user", "memberId", "user",
      "agentId", "agent", "modelId", "model", "regionId", "region");
  private static final int TRACE = 12;

  final long seed;
  final SplittableRandom random;
  final FakeClock clock = FakeClock.at("2026-01-27T22:13:00Z");
  final GovernanceEngine engine;
  final RuntimeModel model = new RuntimeModel(KEYS, Set.copyOf(CAPABILITIES));
  private final Deque<String> trace = new ArrayDeque<>();
  private int step = -1;
  private String op = "setup";

  ModelRun(GovernanceStore store, long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
    this.engine = GovernanceEngine.builder()
        .store(store)
        .clock(clock)
        .idempotencyRetention(RuntimeModel.RETENTION)
        .maxFutureSkew(RuntimeModel.FUTURE_SKEW)
        .build();
    engine.capabilities().upsert(CAPABILITIES.stream().map(CapabilityUpsert::meter).toList());
    List<EntityTypeUpsert> types = new ArrayList<>();
    for (String type : List.of("org", "team", "user", "agent", "model", "region")) {
      List<String> keys = KEYS.entrySet().stream().filter(k -> k.getValue().equals(type)).map(Map.Entry::getKey).sorted().toList();
      types.add(EntityTypeUpsert.of(type).displayName(type).attributionKeys(keys));
    }
    engine.entityTypes().upsert(types);
  }

  Instant now() {
    return clock.instant();
  }

  /** Starts a step: what it does is kept for the failure message. */
  void begin(int step, String op) {
    this.step = step;
    this.op = op;
    trace.addLast("#" + step + " @" + now() + " " + op);
    if (trace.size() > TRACE) {
      trace.removeFirst();
    }
  }

  /** Adds detail to the current step's description (after the random choices are made). */
  void describe(String detail) {
    op = op + " " + detail;
    trace.pollLast();
    trace.addLast("#" + step + " @" + now() + " " + op);
  }

  String context() {
    return "seed=" + seed + " (replay: -Dgovernor.seed=" + seed + ") step=" + step + " op=" + op
        + "\nlast steps:\n  " + String.join("\n  ", trace) + "\n";
  }

  /**
   * Runs the model's prediction and the engine's call and requires the same outcome: equal results,
   * or the same exception type naming the same batch index (and then the model changed nothing).
   */
  <T> T same(Supplier<T> modelCall, Supplier<T> engineCall) {
    T expected = null;
    ModelRejection rejection = null;
    try {
      expected = modelCall.get();
    } catch (ModelRejection r) {
      rejection = r;
    }
    T actual = null;
    RuntimeException error = null;
    try {
      actual = engineCall.get();
    } catch (RuntimeException e) {
      error = e;
    }
    if (rejection != null) {
      if (error == null) {
        fail(context() + "expected the engine to throw " + rejection.getMessage() + " but it answered " + actual);
      }
      if (!rejection.type.isInstance(error) || ((GovernanceException) error).index() != rejection.index) {
        throw new AssertionError(context() + "expected " + rejection.getMessage() + " but the engine threw " + error, error);
      }
      return null;
    }
    if (error != null) {
      throw new AssertionError(context() + "expected " + expected + " but the engine threw " + error, error);
    }
    assertThat(actual).as(this::context).isEqualTo(expected);
    return actual;
  }

  /** Runs a catalog change on the engine, which must accept it; the caller mirrors it in the model. */
  <T> T accepted(Supplier<T> engineCall) {
    try {
      return engineCall.get();
    } catch (RuntimeException e) {
      throw new AssertionError(context() + "the engine rejected a valid catalog change: " + e, e);
    }
  }

  /**
   * Compares every budget of every owner with the model: a check naming every entity that holds a
   * budget of the capability or is in a scope of one resolves them all (with their ancestors), so
   * every budget of the capability applies and is reported with its usage, limit, decision and period.
   */
  void verifyAllUsage() {
    Instant now = now();
    for (String ownerId : OWNERS) {
      for (String capabilityId : CAPABILITIES) {
        Subject all = model.allBudgetsSubject(ownerId, capabilityId);
        CheckResult expected = model.checkAllBudgets(ownerId, capabilityId, now);
        CheckResult actual;
        try {
          actual = engine.check(ownerId, new CheckRequest(all, capabilityId, 0));
        } catch (RuntimeException e) {
          throw new AssertionError(context() + "usage read of " + ownerId + "/" + capabilityId + " threw " + e, e);
        }
        assertThat(actual).as(() -> context() + "usage of every " + capabilityId + " budget of " + ownerId + " after the step")
            .isEqualTo(expected);
      }
    }
  }

  // ------------------------------------------------------------------ random helpers

  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  int between(int lowInclusive, int highInclusive) {
    return random.nextInt(lowInclusive, highInclusive + 1);
  }

  long between(long lowInclusive, long highInclusive) {
    return random.nextLong(lowInclusive, highInclusive + 1);
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  String anyOwner() {
    return pick(OWNERS);
  }
}
