package dev.governor.conformance.fuzz;

import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import dev.governor.testing.model.ReferenceRules;
import dev.governor.testing.model.RuntimeModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hostile calls of check, consume, ingest, isAllowed and tryConsume: subjects by entity ids or
 * dimensions of 0, 1..3, 100 and 101 entries with unknown, archived, foreign, null and hostile
 * members; amounts of 0, negative, {@code Long.MAX_VALUE} and sums that overflow; idempotency keys
 * that repeat, are empty, too long or carry control characters; timestamps before 1900, in closed
 * periods and too far ahead; batches of 0..10,000 events. Not thread-safe.
 */
final class RuntimeOps {
  private final Fuzzer f;
  private final Hostile h;
  private final CatalogOps catalog;

  RuntimeOps(Fuzzer f, CatalogOps catalog) {
    this.f = f;
    this.h = f.h;
    this.catalog = catalog;
  }

  /**
   * The fuzzed owner, or rarely an owner id that is not one (a valid id would name another owner the
   * model does not follow; the victim stands for those).
   */
  private String owner() {
    if (!h.hostile(0.01)) {
      return f.owner;
    }
    String bad = h.weird();
    return h.chance(0.3) || ReferenceRules.ownerId(bad) ? null : bad;
  }

  private int subjectSize() {
    int pick = h.rnd.nextInt(100);
    return pick < 90 || (pick >= 94 && !h.hostile(1)) ? h.between(1, 3) : pick < 94 ? 100 : pick < 97 ? 101 : 0;
  }

  Subject subject() {
    int pick = h.rnd.nextInt(100);
    if (pick < 60) {
      List<String> ids = new ArrayList<>();
      for (int i = subjectSize(); i > 0; i--) {
        ids.add(catalog.entityId());
      }
      return Subject.entities(ids);
    }
    if (pick < 95) {
      Map<String, String> dims = new LinkedHashMap<>();
      for (int i = subjectSize(); i > 0; i--) {
        String key = !h.hostile(0.1) ? h.oneOf(Pools.KEYS) : h.chance(0.5) ? "zz-unknown" + i : h.weird();
        dims.put(h.hostile(0.01) ? null : key, h.hostile(0.01) ? null : catalog.entityId());
      }
      return Subject.dimensions(dims);
    }
    if (!h.hostile(1)) {
      return Subject.entity(catalog.entityId());
    }
    return switch (pick) {
      case 95 -> null;
      case 96 -> new Subject(null, null);
      case 97 -> new Subject(List.of("e0"), Map.of("orgId", "e0"));
      case 98 -> Subject.entities((String[]) null);
      default -> Subject.entity(null);
    };
  }

  private String key() {
    if (h.chance(0.55)) {
      return null;
    }
    return !h.hostile(0.05) ? Pools.idempotencyKey(h, f.calls) : h.oneOf("", "k".repeat(256), "a\u0000b", "\t", "k\n",
        "ключ", "k".repeat(255), h.weird());
  }

  void check() {
    String owner = owner();
    CheckRequest request = h.hostile(0.01) ? null
        : new CheckRequest(subject(), catalog.capabilityId(), h.chance(0.8) ? h.between(0, 60) : h.amount(1));
    var r = f.call("check", () -> "check " + owner + " " + request, () -> f.engine.check(owner, request),
        (m, x) -> RuntimeModel.check(m, owner, request, f.now), Fuzzer.equal());
    if (r != null) {
      f.tally("check " + (r.hasAccess() ? "granted" : "denied " + r.reason()) + (r.budgets().isEmpty() ? " (no budget)" : ""));
    }
  }

  void consume() {
    String owner = owner();
    ConsumeRequest request = h.hostile(0.01) ? null
        : new ConsumeRequest(subject(), catalog.capabilityId(), h.amount(0.15), key());
    var r = f.call("consume", () -> "consume " + owner + " " + request, () -> f.engine.consume(owner, request),
        (m, x) -> RuntimeModel.consume(m, owner, request, f.now), Fuzzer.equal());
    if (r != null) {
      f.tally("consume " + r.status() + (r.reason() == null ? "" : " " + r.reason())
          + (r.budgets().isEmpty() ? " (no budget)" : ""));
    }
    f.tallyFailure("consume");
  }

  void isAllowed() {
    String owner = owner();
    String entity = catalog.entityId();
    String cap = catalog.capabilityId();
    long amount = h.chance(0.8) ? h.between(0, 60) : h.amount(1);
    f.call("isAllowed", () -> "isAllowed " + owner + " " + entity + " " + cap + " " + amount,
        () -> f.engine.isAllowed(owner, entity, cap, amount),
        (m, r) -> RuntimeModel.isAllowed(m, owner, entity, cap, amount, f.now), Fuzzer.equal());
  }

  void tryConsume() {
    String owner = owner();
    String entity = catalog.entityId();
    String cap = catalog.capabilityId();
    long amount = h.amount(0.15);
    f.call("tryConsume", () -> "tryConsume " + owner + " " + entity + " " + cap + " " + amount,
        () -> f.engine.tryConsume(owner, entity, cap, amount),
        (m, r) -> RuntimeModel.tryConsume(m, owner, entity, cap, amount, f.now), Fuzzer.equal());
  }

  private int eventCount() {
    int pick = h.rnd.nextInt(100);
    if (pick >= 93 && !h.hostile(1)) {
      return h.between(1, 5);
    }
    return pick < 88 ? h.between(1, 5) : pick < 92 ? 100 : pick < 93 ? 1000 : pick < 96 ? 1001 : pick < 98 ? 0 : 10_000;
  }

  void ingest() {
    String owner = owner();
    int n = eventCount();
    List<UsageEvent> events = h.list(n, () -> new UsageEvent(subject(), catalog.capabilityId(), h.amount(0.1), key(),
        !h.hostile(0.2) ? null : h.timestamp(f.now)));
    var r = f.call("ingest", () -> "ingest " + owner + " " + events, () -> f.engine.ingest(owner, events).events(),
        (m, x) -> RuntimeModel.ingest(m, owner, events, f.now).events(),
        Fuzzer.<List<EventResult>, List<EventResult>>equal());
    if (r != null) {
      r.forEach(e -> f.tally("ingest event " + e.outcome() + (e.budgets().stream().anyMatch(b -> b.late())
          ? " (late for some budget)" : "")));
    }
    f.tallyFailure("ingest");
  }
}
