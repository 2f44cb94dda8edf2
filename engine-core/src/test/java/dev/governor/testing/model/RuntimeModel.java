package dev.governor.testing.model;

import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.BudgetUsage;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.DenialReason;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import dev.governor.testing.model.ReferencePeriods.Period;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The reference model of the runtime (docs/semantics.md §3-§5, §9): the input rules of check, consume and ingest,
 * their exact answers, and how they change the owner's usage counters and claimed idempotency keys,
 * computed from the plain state of a {@link CatalogModel}. It shares no code with the engine beyond
 * the public value types it has to produce. A call that throws {@link Rejection} has changed nothing:
 * every rule is checked before anything is written. Stateless and thread-safe itself; the model it
 * works on is not.
 */
public final class RuntimeModel {
  /** How long a claimed idempotency key makes a repeat a duplicate (the engine's must match). */
  public static final Duration RETENTION = Duration.ofHours(24);
  /** How far ahead of now an event timestamp may be (the engine's must match). */
  public static final Duration FUTURE_SKEW = Duration.ofMinutes(1);

  private RuntimeModel() {}

  // ------------------------------------------------------------------ input rules

  private static void validSubject(Subject s, int index) {
    if (s == null) {
      throw Rejection.invalid(index, "null subject");
    }
    boolean ids = !s.entityIds().isEmpty();
    boolean dims = !s.dimensions().isEmpty();
    if (ids == dims) {
      throw Rejection.invalid(index, "a subject needs entity ids or dimensions, not both");
    }
    if ((ids ? s.entityIds().size() : s.dimensions().size()) > ReferenceRules.MAX_SUBJECT) {
      throw Rejection.invalid(index, "subject too large");
    }
    if (ids) {
      for (String id : s.entityIds()) {
        if (!ReferenceRules.id(id)) {
          throw Rejection.invalid(index, "bad subject entity id");
        }
      }
    } else {
      s.dimensions().forEach((k, v) -> {
        if (k == null || v == null) {
          throw Rejection.invalid(index, "null dimension key or value");
        }
      });
    }
  }

  /** isAllowed and tryConsume check their amount, owner and entity id before they build a request. */
  private static void validSingleEntity(String ownerId, String entityId, long amount, long minAmount) {
    if (amount < minAmount) {
      throw Rejection.invalid(-1, "amount < " + minAmount);
    }
    CatalogModel.requireOwner(ownerId);
    if (!ReferenceRules.id(entityId)) {
      throw Rejection.invalid(-1, "bad entity id");
    }
  }

  private static void validCapabilityId(String capabilityId, int index) {
    if (!ReferenceRules.id(capabilityId)) {
      throw Rejection.invalid(index, "bad capability id");
    }
  }

  private static void knownCapability(CatalogModel m, String capabilityId, int index) {
    if (!m.capabilities().containsKey(capabilityId)) {
      throw Rejection.notFound(index, "capability", "no capability " + capabilityId);
    }
  }

  /** Owner, subject and capability checked, then the subject resolved (unknown entity ids: not found). */
  private static Resolution resolve(CatalogModel m, String ownerId, Subject subject, String capabilityId) {
    validSubject(subject, -1);
    validCapabilityId(capabilityId, -1);
    knownCapability(m, capabilityId, -1);
    return Resolution.of(m, m.ownerOrEmpty(ownerId), subject, capabilityId, -1);
  }

  // ------------------------------------------------------------------ check (docs/semantics.md §4)

  public static CheckResult check(CatalogModel m, String ownerId, CheckRequest request, Instant now) {
    CatalogModel.requireOwner(ownerId);
    Rejection.unless(request != null, Violation.invalid("request"), "null request");
    if (request.requestedAmount() < 0) {
      throw Rejection.invalid(-1, "requestedAmount < 0");
    }
    Resolution r = resolve(m, ownerId, request.subject(), request.capabilityId());
    return evaluate(m.ownerOrEmpty(ownerId), r, request.requestedAmount(), now);
  }

  public static boolean isAllowed(CatalogModel m, String ownerId, String entityId, String capabilityId, long amount,
      Instant now) {
    validSingleEntity(ownerId, entityId, amount, 0);
    return check(m, ownerId, CheckRequest.of(entityId, capabilityId).amount(amount), now).hasAccess();
  }

  private static CheckResult evaluate(OwnerModel owner, Resolution r, long amount, Instant now) {
    List<BudgetStatus> statuses = new ArrayList<>();
    BudgetStatus firstDenied = null;
    for (ModelRow b : r.budgets()) {
      long usage = owner.usageAt(b, now);
      BudgetStatus s = status(b, usage, b.usageLimit() == null || amount <= b.usageLimit() - usage, now);
      statuses.add(s);
      if (!s.hasAccess() && firstDenied == null) {
        firstDenied = s;
      }
    }
    DenialReason reason = !r.archived().isEmpty() ? DenialReason.ENTITY_ARCHIVED
        : firstDenied != null ? DenialReason.BUDGET_EXCEEDED : null;
    return new CheckResult(reason == null, reason, statuses, firstDenied, r.unresolved(), r.archived());
  }

  private static BudgetStatus status(ModelRow b, long usage, boolean hasAccess, Instant now) {
    Period p = b.periodAt(now);
    Long remaining = b.usageLimit() == null ? null : Math.max(0L, b.usageLimit() - usage);
    return new BudgetStatus(b.id(), b.entityId(), b.capabilityId(), b.scope(), b.usageLimit(), null, usage, 0L, remaining,
        hasAccess, b.cadence(), p.start(), p.end());
  }

  /**
   * A subject to which every budget of the capability applies: every entity holding one and every
   * entity in a scope, in id order (their ancestors come with them). With no such budget, the first
   * entity, to which none may apply. A check of it with amount 0 reports the usage of every budget.
   */
  public static Subject allBudgetsSubject(OwnerModel owner, String capabilityId) {
    TreeSet<String> ids = new TreeSet<>();
    for (ModelRow b : owner.rows().values()) {
      if (b.capabilityId().equals(capabilityId)) {
        ids.add(b.entityId());
        ids.addAll(b.scope());
      }
    }
    if (ids.isEmpty()) {
      ids.add(owner.entities().firstKey());
    }
    return Subject.entities(List.copyOf(ids));
  }

  /**
   * Every budget of one owner and capability as one check reports them: the subject of
   * {@link #allBudgetsSubject} resolved once and kept while the owner's catalog version does not
   * move, so that a test comparing every budget's usage after every step does not resolve it again
   * each time. The version identifies the catalog only along one line of models in which each copy
   * replaces its original. Not thread-safe.
   */
  public static final class AllBudgets {
    private final String ownerId;
    private final String capabilityId;
    private long version;
    private Subject subject;
    private Resolution resolution;

    public AllBudgets(String ownerId, String capabilityId) {
      this.ownerId = ownerId;
      this.capabilityId = capabilityId;
    }

    public Subject subject(CatalogModel m) {
      refresh(m);
      return subject;
    }

    /** The check with amount 0 of {@link #subject}: it reports the usage of every budget. */
    public CheckResult check(CatalogModel m, Instant now) {
      refresh(m);
      return evaluate(m.ownerOrEmpty(ownerId), resolution, 0, now);
    }

    private void refresh(CatalogModel m) {
      OwnerModel owner = m.ownerOrEmpty(ownerId);
      if (subject == null || version != owner.version()) {
        subject = allBudgetsSubject(owner, capabilityId);
        resolution = resolve(m, ownerId, subject, capabilityId);
        version = owner.version();
      }
    }
  }

  // ------------------------------------------------------------------ consume (docs/semantics.md §5)

  public static ConsumeResult consume(CatalogModel m, String ownerId, ConsumeRequest request, Instant now) {
    CatalogModel.requireOwner(ownerId);
    Rejection.unless(request != null, Violation.invalid("request"), "null request");
    long amount = request.amount();
    if (amount < 1) {
      throw Rejection.invalid(-1, "amount < 1");
    }
    String key = request.idempotencyKey();
    if (key != null && !ReferenceRules.idempotencyKey(key)) {
      throw Rejection.invalid(-1, "bad idempotency key");
    }
    Resolution r = resolve(m, ownerId, request.subject(), request.capabilityId());
    OwnerModel owner = m.ownerOrEmpty(ownerId);
    CheckResult decision = evaluate(owner, r, amount, now);
    if (!r.archived().isEmpty()) {
      return new ConsumeResult(ConsumeResult.Status.DENIED, DenialReason.ENTITY_ARCHIVED, decision.budgets(),
          decision.firstDenied(), r.unresolved(), r.archived());
    }
    if (key != null && !owner.holdsData()) {
      // README "Owners without data": nothing is counted, and the engine keeps no state (no claimed
      // key) for an owner id that holds nothing.
      return new ConsumeResult(ConsumeResult.Status.GRANTED, null, List.of(), null, r.unresolved(), r.archived());
    }
    OwnerModel.KeyedRequest self = new OwnerModel.KeyedRequest(request.subject(), request.capabilityId(), amount);
    OwnerModel.KeyedRequest claimant = key == null ? null : owner.claimant(key, now, RETENTION);
    if (claimant != null && !claimant.equals(self)) {
      throw keyReused(-1);
    }
    if (claimant != null) {
      // Nothing is added again; the budgets are reported as found.
      return new ConsumeResult(ConsumeResult.Status.DUPLICATE, null, evaluate(owner, r, 0, now).budgets(), null,
          r.unresolved(), r.archived());
    }
    if (decision.firstDenied() != null) {
      return new ConsumeResult(ConsumeResult.Status.DENIED, DenialReason.BUDGET_EXCEEDED, decision.budgets(),
          decision.firstDenied(), r.unresolved(), r.archived());
    }
    for (ModelRow b : r.budgets()) {
      // docs/semantics.md §11: counters never overflow silently; the whole consume is rejected.
      if (owner.usageAt(b, now) > Long.MAX_VALUE - amount) {
        throw Rejection.invalid(-1, "overflow of " + b);
      }
    }
    List<BudgetStatus> after = new ArrayList<>();
    for (ModelRow b : r.budgets()) {
      long usage = owner.usageAt(b, now) + amount;
      owner.putCounter(b.id(), UsageCounter.written(owner.counter(b.id()), b.periodAt(now).start(), usage));
      after.add(status(b, usage, true, now));
    }
    if (key != null) {
      owner.claim(key, self, now);
    }
    return new ConsumeResult(ConsumeResult.Status.GRANTED, null, after, null, r.unresolved(), r.archived());
  }

  /** An idempotency key reused for a different request (another subject, capability or amount). */
  private static Rejection keyReused(int index) {
    return new Rejection(index, List.of(Violation.conflict("idempotencyKey",
        dev.governor.ConflictException.Reason.IDEMPOTENCY_KEY_REUSED)), "key reused for another request");
  }

  public static boolean tryConsume(CatalogModel m, String ownerId, String entityId, String capabilityId, long amount,
      Instant now) {
    validSingleEntity(ownerId, entityId, amount, 1);
    return consume(m, ownerId, ConsumeRequest.of(entityId, capabilityId, amount), now).granted();
  }

  // ------------------------------------------------------------------ ingest (docs/semantics.md §6)

  public static IngestResult ingest(CatalogModel m, String ownerId, List<UsageEvent> events, Instant now) {
    CatalogModel.requireOwner(ownerId);
    CatalogModel.requireBatch("events", events, ReferenceRules.MAX_EVENTS);
    // Every event is validated before any is resolved, so a malformed event is reported before an
    // unknown id in an earlier one.
    for (int i = 0; i < events.size(); i++) {
      UsageEvent e = events.get(i);
      validSubject(e.subject(), i);
      validCapabilityId(e.capabilityId(), i);
      if (e.amount() < 1) {
        throw Rejection.invalid(i, "amount < 1");
      }
      if (e.idempotencyKey() != null && !ReferenceRules.idempotencyKey(e.idempotencyKey())) {
        throw Rejection.invalid(i, "bad idempotency key");
      }
      Instant ts = e.timestamp();
      if (ts != null && ts.isBefore(ReferenceRules.MIN_TIME)) {
        throw Rejection.invalid(i, "timestamp before 1900");
      }
      if (ts != null && ts.isAfter(now.plus(FUTURE_SKEW))) {
        throw Rejection.invalid(i, "timestamp beyond the skew");
      }
    }
    OwnerModel owner = m.ownerOrEmpty(ownerId);
    List<Resolution> plans = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      knownCapability(m, events.get(i).capabilityId(), i);
      plans.add(Resolution.of(m, owner, events.get(i).subject(), events.get(i).capabilityId(), i));
    }
    // Counters are staged while the batch is evaluated, so a rejected batch changes nothing.
    Map<UUID, UsageCounter> staged = new HashMap<>();
    Map<String, OwnerModel.KeyedRequest> newKeys = new LinkedHashMap<>();
    List<EventResult> results = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      UsageEvent e = events.get(i);
      Resolution plan = plans.get(i);
      String key = e.idempotencyKey();
      if (key != null) {
        OwnerModel.KeyedRequest self = new OwnerModel.KeyedRequest(e.subject(), e.capabilityId(), e.amount());
        OwnerModel.KeyedRequest claimant = owner.claimant(key, now, RETENTION);
        if (claimant == null) {
          claimant = newKeys.get(key);
        }
        if (claimant != null && !claimant.equals(self)) {
          // The whole batch is refused, whatever the events before it did.
          throw keyReused(i);
        }
        if (claimant != null) {
          results.add(new EventResult(i, EventResult.Outcome.DUPLICATE, List.of(), plan.unresolved(), plan.archived()));
          continue;
        }
        newKeys.put(key, self);
      }
      // A timestamp within the future skew counts as now.
      Instant t = e.timestamp() == null || e.timestamp().isAfter(now) ? now : e.timestamp();
      List<BudgetUsage> usages = new ArrayList<>();
      boolean anyAdded = plan.budgets().isEmpty();
      for (ModelRow b : plan.budgets()) {
        Period current = b.periodAt(now);
        Period of = b.periodAt(t);
        UsageCounter s = staged.containsKey(b.id()) ? staged.get(b.id()) : owner.counter(b.id());
        long usage = s == null ? 0L : s.usageIn(current.start());
        if (!current.contains(t)) {
          usages.add(new BudgetUsage(b.id(), b.entityId(), b.scope(), true, usage, of.start(), of.end()));
          continue;
        }
        if (usage > Long.MAX_VALUE - e.amount()) {
          throw Rejection.invalid(i, "overflow of " + b);
        }
        staged.put(b.id(), UsageCounter.written(s, current.start(), usage + e.amount()));
        anyAdded = true;
        usages.add(new BudgetUsage(b.id(), b.entityId(), b.scope(), false, usage + e.amount(), of.start(), of.end()));
      }
      results.add(new EventResult(i, anyAdded ? EventResult.Outcome.RECORDED : EventResult.Outcome.LATE, usages,
          plan.unresolved(), plan.archived()));
    }
    staged.forEach(owner::putCounter);
    if (owner.holdsData()) {
      // README "Owners without data": no key is claimed beyond this call, but a key repeated inside
      // the batch is still a duplicate.
      newKeys.forEach((k, request) -> owner.claim(k, request, now));
    }
    return new IngestResult(results);
  }
}
