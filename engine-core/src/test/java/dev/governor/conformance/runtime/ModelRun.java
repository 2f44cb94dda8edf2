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
import dev.governor.testing.model.CatalogModel;
import dev.governor.testing.model.OwnerModel;
import dev.governor.testing.model.Rejection;
import dev.governor.testing.model.RuntimeModel;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One randomized run: the engine under test, the reference model (a {@link CatalogModel} that the
 * {@link RuntimeModel} rules read and write), the shared fake clock and the random source, plus the
 * comparison every step goes through. Failures name the seed, the step and the last steps taken, so
 * a run can be replayed with {@code -Dgovernor.seed=N}. Not thread-safe: one test thread drives it.
 */
final class ModelRun {
  static final List<String> OWNERS = List.of("cus-alpha", "cus-beta@example.com");
  static final List<String> CAPABILITIES = List.of("tokens", "calls");
  /** Attribution key to type; users answer to two keys so that two dimensions can name one entity. */
  static final Map<String, String> KEYS = Map.of(
      "orgId", "org", "teamId", "team", "userId", "user", "memberId", "user",
      "agentId", "agent", "modelId", "model", "regionId", "region");
  private static final int TRACE = 12;
  /** The engine's default, set on both so that they agree; the generated hierarchies stay far below it. */
  private static final int MAX_DEPTH = 16;

  final long seed;
  final SplittableRandom random;
  final FakeClock clock = FakeClock.at("2026-01-27T22:13:00Z");
  final GovernanceEngine engine;
  /** The model as of the last step; catalog changes replace it through {@link #mirror}. */
  CatalogModel model = new CatalogModel(MAX_DEPTH);
  /** Every budget per owner and capability, for {@link #verifyAllUsage}. */
  private final Map<String, RuntimeModel.AllBudgets> allBudgets = new HashMap<>();
  private final Deque<String> trace = new ArrayDeque<>();
  private int step = -1;
  private String op = "setup";

  ModelRun(GovernanceStore store, long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
    this.engine = GovernanceEngine.builder()
        .store(store)
        .clock(clock)
        .maxDepth(MAX_DEPTH)
        .idempotencyRetention(RuntimeModel.RETENTION)
        .maxFutureSkew(RuntimeModel.FUTURE_SKEW)
        .build();
    List<CapabilityUpsert> capabilities = CAPABILITIES.stream().map(CapabilityUpsert::meter).toList();
    accepted(() -> engine.capabilities().upsert(capabilities));
    mirror(m -> m.upsertCapabilities(capabilities, now()));
    List<EntityTypeUpsert> types = new ArrayList<>();
    for (String type : List.of("org", "team", "user", "agent", "model", "region")) {
      List<String> keys = KEYS.entrySet().stream().filter(k -> k.getValue().equals(type)).map(Map.Entry::getKey).sorted().toList();
      types.add(EntityTypeUpsert.of(type).displayName(type).attributionKeys(keys));
    }
    accepted(() -> engine.entityTypes().upsert(types));
    mirror(m -> m.upsertTypes(types, now()));
  }

  OwnerModel owner(String ownerId) {
    return model.ownerOrEmpty(ownerId);
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
    Rejection rejection = null;
    try {
      expected = modelCall.get();
    } catch (Rejection r) {
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
      if (!(error instanceof GovernanceException typed) || !rejection.matches(typed)) {
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
   * Applies to a copy of the model the catalog change the engine accepted, which the model must
   * accept too, and keeps the copy; returns what the model says the engine returned.
   */
  <T> T mirror(Function<CatalogModel, T> change) {
    CatalogModel next = model.copy();
    T result;
    try {
      result = change.apply(next);
    } catch (Rejection r) {
      throw new AssertionError(context() + "the model rejects a catalog change the engine accepted: " + r.getMessage(), r);
    }
    model = next;
    return result;
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
        RuntimeModel.AllBudgets budgets =
            allBudgets.computeIfAbsent(ownerId + "/" + capabilityId, k -> new RuntimeModel.AllBudgets(ownerId, capabilityId));
        Subject all = budgets.subject(model);
        CheckResult expected = budgets.check(model, now);
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
