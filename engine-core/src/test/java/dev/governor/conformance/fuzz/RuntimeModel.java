package dev.governor.conformance.fuzz;

import dev.governor.conformance.fuzz.CatalogModel.AssignmentM;
import dev.governor.conformance.fuzz.CatalogModel.EntityM;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.BudgetUsage;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.DenialReason;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UnresolvedDimension;
import dev.governor.runtime.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * SPEC §3-§6 on the reference model: resolution of a subject, the applicable budgets in README order,
 * and the exact answer of check, consume and ingest, changing the model's usage and claimed keys the
 * way the engine must change its own. Stateless; every method works on the model copy it is given.
 */
final class RuntimeModel {
  static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(1);

  private RuntimeModel() {}

  /** What a subject resolves to for one capability. */
  record Resolution(List<AssignmentM> budgets, List<UnresolvedDimension> unresolved, List<String> archived) {}

  static void validSubject(Subject s) {
    Reject.unless(s != null, "null subject");
    boolean ids = !s.entityIds().isEmpty();
    boolean dims = !s.dimensions().isEmpty();
    Reject.unless(ids != dims, "subject needs entity ids or dimensions, not both");
    Reject.unless((ids ? s.entityIds().size() : s.dimensions().size()) <= ReferenceRules.MAX_SUBJECT, "subject too large");
    if (ids) {
      s.entityIds().forEach(id -> Reject.unless(ReferenceRules.id(id), "bad subject entity id"));
    } else {
      s.dimensions().forEach((k, v) -> Reject.unless(k != null && v != null, "null dimension key or value"));
    }
  }

  static void validCapability(CatalogModel m, String capabilityId) {
    Reject.unless(ReferenceRules.id(capabilityId), "bad capability id");
    Reject.unless(m.capabilities.contains(capabilityId), "unknown capability");
  }

  /** SPEC §3 for a validated subject; unknown entity ids are rejected (not found). */
  static Resolution resolve(CatalogModel m, Subject s, String capabilityId) {
    List<EntityM> direct = new ArrayList<>();
    List<UnresolvedDimension> unresolved = new ArrayList<>();
    if (s.byEntityIds()) {
      Set<String> seen = new HashSet<>();
      for (String id : s.entityIds()) {
        EntityM e = m.entities.get(id);
        Reject.unless(e != null, "unknown subject entity");
        if (seen.add(id)) {
          direct.add(e);
        }
      }
    } else {
      Map<String, String> owners = m.keyOwners();
      for (Map.Entry<String, String> d : new TreeMap<>(s.dimensions()).entrySet()) {
        String type = owners.get(d.getKey());
        EntityM e = ReferenceRules.id(d.getValue()) ? m.entities.get(d.getValue()) : null;
        if (type == null) {
          unresolved.add(new UnresolvedDimension(d.getKey(), d.getValue(), UnresolvedDimension.Reason.UNKNOWN_KEY));
        } else if (e == null) {
          unresolved.add(new UnresolvedDimension(d.getKey(), d.getValue(), UnresolvedDimension.Reason.UNKNOWN_ENTITY));
        } else if (!e.typeId().equals(type)) {
          unresolved.add(new UnresolvedDimension(d.getKey(), d.getValue(), UnresolvedDimension.Reason.TYPE_MISMATCH));
        } else if (!direct.contains(e)) {
          direct.add(e);
        }
      }
    }
    // README: chains of the deepest named entities first (ties in request order), leaf to root, each
    // entity once, node-wide before scoped.
    Map<String, List<EntityM>> chains = new LinkedHashMap<>();
    Set<String> ancestors = new HashSet<>();
    for (EntityM d : direct) {
      List<EntityM> chain = new ArrayList<>();
      for (EntityM e = d; e != null; e = e.parentId() == null ? null : m.entities.get(e.parentId())) {
        chain.add(e);
      }
      chains.put(d.id(), chain);
      chain.subList(1, chain.size()).forEach(a -> ancestors.add(a.id()));
    }
    List<List<EntityM>> leaves = new ArrayList<>();
    for (EntityM d : direct) {
      if (!ancestors.contains(d.id())) {
        leaves.add(chains.get(d.id()));
      }
    }
    leaves.sort(Comparator.comparingInt((List<EntityM> c) -> c.size()).reversed());
    LinkedHashMap<String, EntityM> resolved = new LinkedHashMap<>();
    leaves.forEach(chain -> chain.forEach(e -> resolved.putIfAbsent(e.id(), e)));
    List<AssignmentM> budgets = new ArrayList<>();
    for (String id : resolved.keySet()) {
      for (AssignmentM a : m.assignmentsOf(id, capabilityId)) {
        if (resolved.keySet().containsAll(a.scope())) {
          budgets.add(a);
        }
      }
    }
    List<String> archived = direct.stream().filter(EntityM::archived).map(EntityM::id).toList();
    return new Resolution(budgets, unresolved, archived);
  }

  static Instant[] period(AssignmentM a, Instant t) {
    return ReferencePeriods.bounds(a.cadence(), a.anchor(), t);
  }

  static BudgetStatus status(CatalogModel m, AssignmentM a, long usage, boolean hasAccess) {
    Long limit = a.limit();
    Instant[] p = period(a, m.now);
    return new BudgetStatus(a.id(), a.entityId(), a.capabilityId(), a.scope(), limit, usage,
        limit == null ? null : Math.max(0, limit - usage), hasAccess, a.cadence(), p[0], p[1]);
  }

  private static boolean allows(AssignmentM a, long usage, long amount) {
    return a.limit() == null || amount <= a.limit() - usage;
  }

  // ------------------------------------------------------------------ check

  static CheckResult check(CatalogModel m, String ownerId, CheckRequest request) {
    Reject.unless(ReferenceRules.ownerId(ownerId), "bad owner id");
    Reject.unless(request != null, "null request");
    Reject.unless(request.requestedAmount() >= 0, "negative amount");
    validSubject(request.subject());
    validCapability(m, request.capabilityId());
    Resolution r = resolve(m, request.subject(), request.capabilityId());
    return checkResult(m, r, request.requestedAmount());
  }

  private static CheckResult checkResult(CatalogModel m, Resolution r, long amount) {
    List<BudgetStatus> statuses = new ArrayList<>();
    BudgetStatus firstDenied = null;
    for (AssignmentM a : r.budgets()) {
      long u = m.usage.get(a.id());
      BudgetStatus s = status(m, a, u, allows(a, u, amount));
      statuses.add(s);
      if (!s.hasAccess() && firstDenied == null) {
        firstDenied = s;
      }
    }
    DenialReason reason = !r.archived().isEmpty() ? DenialReason.ENTITY_ARCHIVED
        : firstDenied != null ? DenialReason.BUDGET_EXCEEDED : null;
    return new CheckResult(reason == null, reason, statuses, firstDenied, r.unresolved(), r.archived());
  }

  static boolean isAllowed(CatalogModel m, String ownerId, String entityId, String capabilityId, long amount) {
    Reject.unless(amount >= 0, "negative amount");
    Reject.unless(ReferenceRules.ownerId(ownerId), "bad owner id");
    Reject.unless(ReferenceRules.id(entityId), "bad entity id");
    validCapability(m, capabilityId);
    return check(m, ownerId, CheckRequest.of(entityId, capabilityId).amount(amount)).hasAccess();
  }

  // ------------------------------------------------------------------ consume

  static ConsumeResult consume(CatalogModel m, String ownerId, ConsumeRequest request) {
    Reject.unless(ReferenceRules.ownerId(ownerId), "bad owner id");
    Reject.unless(request != null, "null request");
    Reject.unless(request.amount() >= 1, "amount below 1");
    String key = request.idempotencyKey();
    Reject.unless(key == null || ReferenceRules.idempotencyKey(key), "bad idempotency key");
    validSubject(request.subject());
    validCapability(m, request.capabilityId());
    Resolution r = resolve(m, request.subject(), request.capabilityId());
    long amount = request.amount();
    CheckResult asCheck = checkResult(m, r, amount);
    if (!r.archived().isEmpty()) {
      return new ConsumeResult(ConsumeResult.Status.DENIED, DenialReason.ENTITY_ARCHIVED, asCheck.budgets(),
          asCheck.firstDenied(), r.unresolved(), r.archived());
    }
    if (key != null && !m.holdsData()) {
      // README "Owners without data": nothing is counted, and the engine keeps no state (no claimed
      // key) for an owner id that holds nothing.
      return new ConsumeResult(ConsumeResult.Status.GRANTED, null, List.of(), null, r.unresolved(), r.archived());
    }
    if (key != null && m.claimedKeys.contains(key)) {
      return new ConsumeResult(ConsumeResult.Status.DUPLICATE, null, checkResult(m, r, 0).budgets(), null,
          r.unresolved(), r.archived());
    }
    if (asCheck.firstDenied() != null) {
      return new ConsumeResult(ConsumeResult.Status.DENIED, DenialReason.BUDGET_EXCEEDED, asCheck.budgets(),
          asCheck.firstDenied(), r.unresolved(), r.archived());
    }
    List<BudgetStatus> after = new ArrayList<>();
    for (AssignmentM a : r.budgets()) {
      long u = m.usage.get(a.id());
      // SPEC §9: counters never overflow silently; the whole consume is rejected.
      Reject.unless(u <= Long.MAX_VALUE - amount, "overflow");
      after.add(status(m, a, u + amount, true));
    }
    for (AssignmentM a : r.budgets()) {
      m.usageW().merge(a.id(), amount, Long::sum);
    }
    if (key != null) {
      m.claimedKeysW().add(key);
    }
    return new ConsumeResult(ConsumeResult.Status.GRANTED, null, after, null, r.unresolved(), r.archived());
  }

  static boolean tryConsume(CatalogModel m, String ownerId, String entityId, String capabilityId, long amount) {
    Reject.unless(amount >= 1, "amount below 1");
    Reject.unless(ReferenceRules.ownerId(ownerId), "bad owner id");
    Reject.unless(ReferenceRules.id(entityId), "bad entity id");
    validCapability(m, capabilityId);
    return consume(m, ownerId, ConsumeRequest.of(entityId, capabilityId, amount)).granted();
  }

  // ------------------------------------------------------------------ ingest

  static List<EventResult> ingest(CatalogModel m, String ownerId, List<UsageEvent> events) {
    Reject.unless(ReferenceRules.ownerId(ownerId), "bad owner id");
    CatalogModel.batch(events, ReferenceRules.MAX_EVENTS);
    for (UsageEvent e : events) {
      validSubject(e.subject());
      Reject.unless(ReferenceRules.id(e.capabilityId()), "bad capability id");
      Reject.unless(e.amount() >= 1, "amount below 1");
      Reject.unless(e.idempotencyKey() == null || ReferenceRules.idempotencyKey(e.idempotencyKey()), "bad key");
      Instant ts = e.timestamp();
      Reject.unless(ts == null || !ts.isBefore(ReferenceRules.MIN_TIME), "timestamp before 1900");
      Reject.unless(ts == null || !ts.isAfter(m.now.plus(MAX_FUTURE_SKEW)), "timestamp too far ahead");
    }
    List<Resolution> plans = new ArrayList<>();
    for (UsageEvent e : events) {
      validCapability(m, e.capabilityId());
      plans.add(resolve(m, e.subject(), e.capabilityId()));
    }
    List<EventResult> out = new ArrayList<>();
    // README "Owners without data": nothing is counted and no key is claimed beyond this call, but a
    // key repeated inside the batch is still a duplicate.
    java.util.Set<String> keysOfThisCall = new java.util.HashSet<>();
    for (int i = 0; i < events.size(); i++) {
      UsageEvent e = events.get(i);
      Resolution r = plans.get(i);
      String key = e.idempotencyKey();
      java.util.Set<String> claimed = m.holdsData() ? m.claimedKeysW() : keysOfThisCall;
      if (key != null && !claimed.add(key)) {
        out.add(new EventResult(i, EventResult.Outcome.DUPLICATE, List.of(), r.unresolved(), r.archived()));
        continue;
      }
      Instant t = e.timestamp() == null || e.timestamp().isAfter(m.now) ? m.now : e.timestamp();
      List<BudgetUsage> usages = new ArrayList<>();
      boolean added = r.budgets().isEmpty();
      for (AssignmentM a : r.budgets()) {
        Instant[] eventPeriod = period(a, t);
        long u = m.usage.get(a.id());
        boolean late = eventPeriod[0].isBefore(period(a, m.now)[0]);
        if (!late) {
          Reject.unless(u <= Long.MAX_VALUE - e.amount(), "overflow");
          u += e.amount();
          m.usageW().put(a.id(), u);
          added = true;
        }
        usages.add(new BudgetUsage(a.id(), a.entityId(), a.scope(), late, u, eventPeriod[0], eventPeriod[1]));
      }
      out.add(new EventResult(i, added ? EventResult.Outcome.RECORDED : EventResult.Outcome.LATE, usages,
          r.unresolved(), r.archived()));
    }
    return out;
  }
}
