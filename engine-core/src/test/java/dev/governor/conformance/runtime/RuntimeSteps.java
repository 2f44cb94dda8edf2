package dev.governor.conformance.runtime;

import dev.governor.catalog.Entity;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import dev.governor.testing.model.ModelRow;
import dev.governor.testing.model.OwnerModel;
import dev.governor.testing.model.RuntimeModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Random runtime calls, each run against the model and the engine and compared: check (by ids and by
 * dimensions, including unknown keys, unknown values and type mismatches), isAllowed, consume with
 * and without idempotency keys, tryConsume, ingest batches with repeated keys and past, present and
 * slightly future timestamps, malformed requests, amounts that overflow, and clock moves that cross
 * period boundaries. Not thread-safe: one test thread drives it.
 */
final class RuntimeSteps {
  /** Keys come from a small pool so that repeats (within and beyond the retention) are common. */
  private static final int KEY_POOL = 40;

  private final ModelRun run;

  RuntimeSteps(ModelRun run) {
    this.run = run;
  }

  // ------------------------------------------------------------------ calls

  void check(String ownerId) {
    Subject subject = subject(ownerId);
    String capabilityId = capability();
    long amount = run.chance(0.15) ? 0 : run.between(1L, 30L);
    run.describe("check " + ownerId + " " + subject + " " + capabilityId + " x" + amount);
    Instant now = run.now();
    run.same(() -> RuntimeModel.check(run.model, ownerId, new CheckRequest(subject, capabilityId, amount), now),
        () -> run.engine.check(ownerId, new CheckRequest(subject, capabilityId, amount)));
  }

  void isAllowed(String ownerId) {
    String entityId = entity(ownerId);
    String capabilityId = capability();
    long amount = run.between(0L, 30L);
    run.describe("isAllowed " + ownerId + " " + entityId + " " + capabilityId + " x" + amount);
    Instant now = run.now();
    run.same(() -> RuntimeModel.isAllowed(run.model, ownerId, entityId, capabilityId, amount, now),
        () -> run.engine.isAllowed(ownerId, entityId, capabilityId, amount));
  }

  void consume(String ownerId) {
    Subject subject = subject(ownerId);
    String capabilityId = capability();
    long amount = run.between(1L, 25L);
    String key = run.chance(0.4) ? key() : null;
    run.describe("consume " + ownerId + " " + subject + " " + capabilityId + " x" + amount + " key=" + key);
    Instant now = run.now();
    run.same(() -> RuntimeModel.consume(run.model, ownerId, new ConsumeRequest(subject, capabilityId, amount, key), now),
        () -> run.engine.consume(ownerId, new ConsumeRequest(subject, capabilityId, amount, key)));
  }

  void tryConsume(String ownerId) {
    String entityId = entity(ownerId);
    String capabilityId = capability();
    long amount = run.between(1L, 25L);
    run.describe("tryConsume " + ownerId + " " + entityId + " " + capabilityId + " x" + amount);
    Instant now = run.now();
    run.same(() -> RuntimeModel.tryConsume(run.model, ownerId, entityId, capabilityId, amount, now),
        () -> run.engine.tryConsume(ownerId, entityId, capabilityId, amount));
  }

  void ingest(String ownerId) {
    int size = run.chance(0.4) ? 1 : run.chance(0.7) ? run.between(2, 5) : run.between(6, 20);
    List<UsageEvent> events = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      events.add(new UsageEvent(subject(ownerId), capability(), run.between(1L, 60L), run.chance(0.5) ? key() : null,
          timestamp(ownerId)));
    }
    ingest(ownerId, events);
  }

  private void ingest(String ownerId, List<UsageEvent> events) {
    run.describe("ingest " + ownerId + " " + events);
    Instant now = run.now();
    List<UsageEvent> batch = List.copyOf(events);
    run.same(() -> RuntimeModel.ingest(run.model, ownerId, batch, now), () -> run.engine.ingest(ownerId, batch));
  }

  /** One malformed request; the engine must reject it with the model's error and change nothing. */
  void malformed(String ownerId) {
    Instant now = run.now();
    String capabilityId = capability();
    switch (run.between(0, 7)) {
      case 0 -> {
        List<UsageEvent> events = new ArrayList<>();
        int bad = run.between(0, 3);
        int size = bad + 1 + run.between(0, 2);
        for (int i = 0; i < size; i++) {
          Instant at = i == bad ? now.plus(RuntimeModel.FUTURE_SKEW).plusMillis(run.between(1L, 600_000L)) : null;
          events.add(new UsageEvent(subject(ownerId), capability(), run.between(1L, 9L), key(), at));
        }
        ingest(ownerId, events);
      }
      case 1 -> {
        List<UsageEvent> events = new ArrayList<>();
        events.add(UsageEvent.of(Subject.entity(entity(ownerId)), capabilityId, 3).idempotencyKey(key()));
        events.add(UsageEvent.of(Subject.entities(entity(ownerId), "ghost-" + run.between(1, 9)), capabilityId, 3));
        ingest(ownerId, events);
      }
      case 2 -> {
        List<UsageEvent> events = List.of(UsageEvent.of(subject(ownerId), capabilityId, 4).idempotencyKey(key()),
            UsageEvent.of(subject(ownerId), capabilityId, run.between(-3L, 0L)));
        ingest(ownerId, events);
      }
      case 3 -> {
        Subject subject = subject(ownerId);
        long amount = run.between(-2L, 0L);
        String key = key();
        run.describe("consume " + ownerId + " " + subject + " x" + amount + " key=" + key);
        run.same(() -> RuntimeModel.consume(run.model, ownerId, new ConsumeRequest(subject, capabilityId, amount, key), now),
            () -> run.engine.consume(ownerId, new ConsumeRequest(subject, capabilityId, amount, key)));
      }
      case 4 -> {
        String entityId = entity(ownerId);
        run.describe("tryConsume " + ownerId + " " + entityId + " x0");
        run.same(() -> RuntimeModel.tryConsume(run.model, ownerId, entityId, capabilityId, 0, now),
            () -> run.engine.tryConsume(ownerId, entityId, capabilityId, 0));
      }
      case 5 -> {
        Subject subject = subject(ownerId);
        run.describe("check " + ownerId + " " + subject + " x-1");
        run.same(() -> RuntimeModel.check(run.model, ownerId, new CheckRequest(subject, capabilityId, -1), now),
            () -> run.engine.check(ownerId, new CheckRequest(subject, capabilityId, -1)));
      }
      case 6 -> {
        Subject subject = Subject.entities(entity(ownerId), "ghost-" + run.between(1, 9));
        run.describe("check " + ownerId + " " + subject);
        run.same(() -> RuntimeModel.check(run.model, ownerId, new CheckRequest(subject, capabilityId, 1), now),
            () -> run.engine.check(ownerId, new CheckRequest(subject, capabilityId, 1)));
      }
      default -> {
        Subject subject = subject(ownerId);
        String key = key();
        run.describe("consume " + ownerId + " " + subject + " of an unknown capability key=" + key);
        run.same(() -> RuntimeModel.consume(run.model, ownerId, new ConsumeRequest(subject, "ghost-capability", 1, key), now),
            () -> run.engine.consume(ownerId, new ConsumeRequest(subject, "ghost-capability", 1, key)));
      }
    }
  }

  /** Amounts near Long.MAX_VALUE / 3: a few of them overflow a counter, which must be rejected whole. */
  void huge(String ownerId) {
    long amount = Long.MAX_VALUE / 3 + run.between(0L, 1000L);
    if (run.chance(0.5)) {
      List<UsageEvent> events = List.of(
          UsageEvent.of(subject(ownerId), "calls", run.between(1L, 5L)).idempotencyKey(key()),
          UsageEvent.of(subject(ownerId), "calls", amount));
      ingest(ownerId, events);
    } else {
      Subject subject = subject(ownerId);
      String key = key();
      run.describe("consume " + ownerId + " " + subject + " calls x" + amount + " key=" + key);
      Instant now = run.now();
      run.same(() -> RuntimeModel.consume(run.model, ownerId, new ConsumeRequest(subject, "calls", amount, key), now),
          () -> run.engine.consume(ownerId, new ConsumeRequest(subject, "calls", amount, key)));
    }
  }

  // ------------------------------------------------------------------ clock

  /** Moves the clock forward by seconds to weeks. */
  void advanceClock() {
    double r = run.random.nextDouble();
    Duration by = r < 0.25 ? Duration.ofSeconds(run.between(1L, 59L))
        : r < 0.5 ? Duration.ofMinutes(run.between(1L, 59L))
        : r < 0.75 ? Duration.ofHours(run.between(1L, 23L))
        : r < 0.95 ? Duration.ofDays(run.between(1L, 6L)) : Duration.ofDays(run.between(7L, 35L));
    by = by.plusMillis(run.chance(0.3) ? run.between(1L, 999L) : 0L);
    run.describe("advance " + by);
    run.clock.advance(by);
  }

  /** Moves the clock to a budget's period end, or one millisecond either side of it. */
  void toBoundary() {
    String ownerId = run.anyOwner();
    List<ModelRow> budgets = run.owner(ownerId).rowList();
    if (budgets.isEmpty()) {
      advanceClock();
      return;
    }
    ModelRow b = run.pick(budgets);
    Instant end = b.periodAt(run.now()).end();
    if (end.isAfter(run.now().plus(Duration.ofDays(8)))) {
      advanceClock();
      return;
    }
    Instant to = end.plusMillis(run.between(-1L, 1L));
    if (!to.isAfter(run.now())) {
      to = end;
    }
    run.describe("clock to " + to + " (period end of " + ownerId + "/" + b + ")");
    run.clock.set(to);
  }

  // ------------------------------------------------------------------ random request parts

  private String capability() {
    return run.chance(0.6) ? "tokens" : "calls";
  }

  private String key() {
    return "key-" + run.between(0, KEY_POOL - 1);
  }

  /** An entity id for the single-entity calls, users and agents more often than the rest. */
  private String entity(String ownerId) {
    OwnerModel owner = run.owner(ownerId);
    List<Entity> leaves = new ArrayList<>(owner.ofType("user"));
    leaves.addAll(owner.ofType("agent"));
    if (run.chance(0.6) && !leaves.isEmpty()) {
      return run.pick(leaves).id();
    }
    return run.pick(owner.entityIdList());
  }

  /** A subject by entity ids (sometimes repeated) or by dimensions with some that do not resolve. */
  private Subject subject(String ownerId) {
    OwnerModel owner = run.owner(ownerId);
    if (run.chance(0.65)) {
      int count = run.chance(0.7) ? 1 : run.chance(0.66) ? 2 : 3;
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ids.add(run.chance(0.5) ? entity(ownerId) : run.pick(owner.entityIdList()));
      }
      if (run.chance(0.05)) {
        ids.add(ids.get(0));
      }
      return Subject.entities(ids);
    }
    Map<String, String> dims = new LinkedHashMap<>();
    List<Entity> users = owner.ofType("user");
    List<Entity> agents = owner.ofType("agent");
    if (!agents.isEmpty() && run.chance(0.15)) {
      dims.put("agentId", run.pick(agents).id());
    } else if (!users.isEmpty()) {
      dims.put(run.chance(0.85) ? "userId" : "memberId", run.pick(users).id());
    }
    maybe(dims, 0.5, "modelId", owner.ofType("model"));
    maybe(dims, 0.3, "regionId", owner.ofType("region"));
    maybe(dims, 0.15, "teamId", owner.ofType("team"));
    maybe(dims, 0.1, "orgId", owner.ofType("org"));
    if (run.chance(0.1) && dims.containsKey("userId")) {
      dims.put("memberId", run.chance(0.5) ? dims.get("userId") : run.pick(users).id());
    }
    if (run.chance(0.1)) {
      dims.put("projectId", "project-" + run.between(1, 3));
    }
    if (run.chance(0.1)) {
      dims.put("modelId", "model-unknown");
    }
    if (run.chance(0.08) && !users.isEmpty()) {
      dims.put("teamId", run.pick(users).id());
    }
    if (run.chance(0.03)) {
      dims.put("regionId", "not an id!");
    }
    if (dims.isEmpty()) {
      dims.put("projectId", "project-0");
    }
    return Subject.dimensions(dims);
  }

  private void maybe(Map<String, String> dims, double p, String key, List<Entity> pool) {
    if (!pool.isEmpty() && run.chance(p)) {
      dims.put(key, run.pick(pool).id());
    }
  }

  /** Null (now), now, past (seconds to weeks, some exactly at or just before a period start), or within the skew. */
  private Instant timestamp(String ownerId) {
    Instant now = run.now();
    double r = run.random.nextDouble();
    if (r < 0.4) {
      return null;
    }
    if (r < 0.45) {
      return now;
    }
    if (r < 0.65) {
      return now.minusMillis(run.between(1L, 3_600_000L));
    }
    if (r < 0.8) {
      return now.minus(Duration.ofMinutes(run.between(60L, 48 * 60L)));
    }
    if (r < 0.88) {
      return now.minus(Duration.ofMinutes(run.between(2 * 24 * 60L, 40 * 24 * 60L)));
    }
    if (r < 0.95) {
      return now.plusMillis(run.between(1L, RuntimeModel.FUTURE_SKEW.toMillis()));
    }
    List<ModelRow> budgets = run.owner(ownerId).rowList();
    if (budgets.isEmpty()) {
      return null;
    }
    Instant start = run.pick(budgets).periodAt(now).start();
    return run.chance(0.5) ? start : start.minusMillis(1);
  }
}
