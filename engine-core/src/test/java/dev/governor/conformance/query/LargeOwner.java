package dev.governor.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.query.TreeRow;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import dev.governor.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * An owner with 2,500 users or agents holding four budgets each (10,000 budgets) and 20 models used
 * as scopes, built from a seeded random source, together with the model of every row the engine must
 * return: limits, usage (set through ingest) and creation times as the test chose them.
 */
final class LargeOwner {
  static final int MEMBERS = 2_500;
  static final int MODELS = 20;
  static final String[] NAMES = {"Ann", "Bob", "Cleo", "Dev", "Eve"};
  static final Long[] LIMITS = {1L, 2L, 3L, 4L, 5L, 10L, 20L, 50L, 100L, 1_000L};
  static final String[] CADENCES = {"P1M", "P1D", "P1W", "P1Y", "PT1H"};

  /** An entity as created. */
  record Node(String id, String typeId, String displayName, Instant createdAt) {}

  /** A budget as created, with the usage the test recorded for it. */
  record Budget(Node entity, String capabilityId, List<String> scope, Long limit, String cadence, long usage,
      Instant createdAt) {
    Double utilization() {
      if (limit == null) {
        return null;
      }
      if (limit == 0) {
        return usage == 0 ? 1.0 : Double.POSITIVE_INFINITY;
      }
      return (double) usage / limit;
    }

    RowKey key() {
      return new RowKey(entity.id(), capabilityId, scope, limit, usage, createdAt);
    }
  }

  /** What a walk compares: the identity and the values that decide the order. */
  record RowKey(String entityId, String capabilityId, List<String> scope, Long limit, Long usage, Instant createdAt) {
    static RowKey of(TreeRow row) {
      return new RowKey(row.entityId(), row.capabilityId(), List.copyOf(new TreeSet<>(row.scopeEntityIds())),
          row.usageLimit(), row.currentUsage(), row.createdAt());
    }
  }

  /** A budget to create: the upsert and the model of its row (creation time still unknown). */
  private record Planned(AssignmentUpsert upsert, Budget budget) {}

  final List<Node> nodes = new ArrayList<>();
  final List<Budget> budgets = new ArrayList<>();

  private LargeOwner() {}

  static LargeOwner build(GovernanceEngine engine, FakeClock clock, String ownerId, SplittableRandom random) {
    LargeOwner owner = new LargeOwner();
    List<EntityUpsert> entities = new ArrayList<>();
    List<Node> pending = new ArrayList<>();
    for (int m = 0; m < MODELS; m++) {
      String id = String.format("m-%02d", m);
      entities.add(EntityUpsert.of(id).type("model"));
      pending.add(new Node(id, "model", null, null));
    }
    // Ids are a shuffled numbering, so creation order and id order disagree.
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      numbers.add(i);
    }
    Collections.shuffle(numbers, new Random(random.nextLong()));
    for (int i = 0; i < MEMBERS; i++) {
      String id = String.format("u-%04d", numbers.get(i));
      String type = random.nextInt(5) == 0 ? "agent" : "user";
      String name = random.nextInt(3) == 0 ? null : NAMES[random.nextInt(NAMES.length)] + " " + random.nextInt(100);
      EntityUpsert item = EntityUpsert.of(id).type(type);
      entities.add(name == null ? item : item.displayName(name));
      pending.add(new Node(id, type, name, null));
    }
    for (int from = 0; from < entities.size(); from += 100) {
      int to = Math.min(from + 100, entities.size());
      engine.entities(ownerId).upsert(entities.subList(from, to));
      for (Node n : pending.subList(from, to)) {
        owner.nodes.add(new Node(n.id(), n.typeId(), n.displayName(), clock.instant()));
      }
      advance(clock, random);
    }
    owner.createBudgets(engine, clock, ownerId, random);
    return owner;
  }

  /** A step of 0..2 ms: batches sometimes share a creation time, so ties must be broken. */
  private static void advance(FakeClock clock, SplittableRandom random) {
    clock.advance(Duration.ofMillis(random.nextInt(3)));
  }

  private void createBudgets(GovernanceEngine engine, FakeClock clock, String ownerId, SplittableRandom random) {
    List<Planned> planned = new ArrayList<>();
    List<UsageEvent> events = new ArrayList<>();
    for (Node n : nodes.subList(MODELS, nodes.size())) {
      for (String capability : List.of(QueryConformanceBase.TOKENS, QueryConformanceBase.CALLS)) {
        List<String> scope = randomScope(random);
        long scoped = random.nextInt(4) == 0 ? 0 : random.nextInt(1, 31);
        long own = random.nextInt(4) == 0 ? 0 : random.nextInt(1, 61);
        // Usage for the entity alone reaches only its node-wide budget; usage for the entity with
        // its scope's models reaches both (the models hold no budgets).
        planned.add(plan(n, capability, List.of(), own + scoped, random));
        planned.add(plan(n, capability, scope, scoped, random));
        if (own > 0) {
          events.add(UsageEvent.of(Subject.entity(n.id()), capability, own));
        }
        if (scoped > 0) {
          List<String> subject = new ArrayList<>(scope);
          subject.add(0, n.id());
          events.add(UsageEvent.of(Subject.entities(subject), capability, scoped));
        }
      }
    }
    Collections.shuffle(planned, new Random(random.nextLong()));
    for (int from = 0; from < planned.size(); from += 100) {
      List<Planned> batch = planned.subList(from, Math.min(from + 100, planned.size()));
      engine.assignments(ownerId).upsert(batch.stream().map(Planned::upsert).toList());
      Instant now = clock.instant();
      for (Planned p : batch) {
        Budget b = p.budget();
        budgets.add(new Budget(b.entity(), b.capabilityId(), b.scope(), b.limit(), b.cadence(), b.usage(), now));
      }
      advance(clock, random);
    }
    for (int from = 0; from < events.size(); from += 1_000) {
      List<EventResult> results = engine.ingest(ownerId, events.subList(from, Math.min(from + 1_000, events.size())))
          .events();
      assertThat(results).extracting(EventResult::outcome).containsOnly(EventResult.Outcome.RECORDED);
    }
  }

  private static Planned plan(Node n, String capability, List<String> scope, long usage, SplittableRandom random) {
    int pick = random.nextInt(20);
    Long limit = pick < 2 ? null : pick == 2 ? Long.valueOf(0) : LIMITS[random.nextInt(LIMITS.length)];
    String cadence = CADENCES[random.nextInt(CADENCES.length)];
    AssignmentUpsert upsert = AssignmentUpsert.of(n.id(), capability).scope(scope).cadence(cadence);
    upsert = limit == null ? upsert.unlimited() : upsert.usageLimit(limit);
    return new Planned(upsert, new Budget(n, capability, scope, limit, cadence, usage, null));
  }

  /** 1..3 distinct models, sorted. */
  private static List<String> randomScope(SplittableRandom random) {
    TreeSet<String> scope = new TreeSet<>();
    int size = random.nextInt(1, 4);
    while (scope.size() < size) {
      scope.add(String.format("m-%02d", random.nextInt(MODELS)));
    }
    return List.copyOf(scope);
  }
}
