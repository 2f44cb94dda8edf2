package dev.governor.conformance.runtime;

import dev.governor.NotFoundException;
import dev.governor.ValidationException;
import dev.governor.catalog.AssignmentKey;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.BudgetUsage;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.DenialReason;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UnresolvedDimension;
import dev.governor.runtime.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A plain reference model of the runtime (SPEC §3-§6, §8): what check, consume and ingest must
 * answer, and how usage must change, computed from simple maps. It shares no code with the engine
 * beyond the public value types it has to produce. Mutable, test-thread only.
 */
final class RuntimeModel {
  static final Duration RETENTION = Duration.ofHours(24);
  static final Duration FUTURE_SKEW = Duration.ofMinutes(1);

  /** Node-wide first, then scoped budgets element by element over their sorted ids, shorter first. */
  private static final Comparator<ModelBudget> BY_SCOPE = (a, b) -> {
    Iterator<String> ia = a.scope.iterator();
    Iterator<String> ib = b.scope.iterator();
    while (ia.hasNext() && ib.hasNext()) {
      int c = ia.next().compareTo(ib.next());
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(ia.hasNext(), ib.hasNext());
  };

  private final Map<String, String> keyOwners;
  private final Set<String> capabilities;
  private final Map<String, ModelOwner> owners = new LinkedHashMap<>();

  /**
   * @param keyOwners attribution key to the entity type that owns it
   * @param capabilities the capability ids that exist
   */
  RuntimeModel(Map<String, String> keyOwners, Set<String> capabilities) {
    this.keyOwners = Map.copyOf(keyOwners);
    this.capabilities = Set.copyOf(capabilities);
  }

  ModelOwner owner(String ownerId) {
    return owners.computeIfAbsent(ownerId, ModelOwner::new);
  }

  // ------------------------------------------------------------------ catalog mirror

  void addEntity(String ownerId, String id, String typeId, String parentId) {
    owner(ownerId).entities.put(id, new ModelEntity(id, typeId, parentId));
    owner(ownerId).catalogVersion++;
  }

  void setParent(String ownerId, String id, String parentId) {
    owner(ownerId).entities.get(id).parentId = parentId;
    owner(ownerId).catalogVersion++;
  }

  void setArchived(String ownerId, String id, boolean archived) {
    owner(ownerId).entities.get(id).archived = archived;
    owner(ownerId).catalogVersion++;
  }

  void putBudget(String ownerId, ModelBudget budget) {
    owner(ownerId).budgets.put(new AssignmentKey(budget.entityId, budget.capabilityId, budget.scope), budget);
    owner(ownerId).catalogVersion++;
  }

  /** Drops the budget and, with it, its usage: re-creating the key starts from 0. */
  void deleteBudget(String ownerId, AssignmentKey key) {
    owner(ownerId).budgets.remove(key);
    owner(ownerId).catalogVersion++;
  }

  // ------------------------------------------------------------------ resolution (SPEC §3)

  /** A resolved subject: the applicable budgets in report order, and what the result reports. */
  private record Plan(List<ModelBudget> budgets, List<String> archived, List<UnresolvedDimension> unresolved) {}

  private Plan plan(ModelOwner owner, Subject subject, String capabilityId, int index) {
    if (!capabilities.contains(capabilityId)) {
      throw new ModelRejection(NotFoundException.class, index, "no capability " + capabilityId);
    }
    List<ModelEntity> direct = new ArrayList<>();
    List<UnresolvedDimension> unresolved = new ArrayList<>();
    if (subject.byEntityIds()) {
      for (String id : subject.entityIds()) {
        ModelEntity e = owner.entities.get(id);
        if (e == null) {
          throw new ModelRejection(NotFoundException.class, index, "no entity " + id);
        }
        if (!direct.contains(e)) {
          direct.add(e);
        }
      }
    } else {
      for (Map.Entry<String, String> d : new TreeMap<>(subject.dimensions()).entrySet()) {
        String typeId = keyOwners.get(d.getKey());
        ModelEntity e = owner.entities.get(d.getValue());
        if (typeId == null) {
          unresolved.add(new UnresolvedDimension(d.getKey(), d.getValue(), UnresolvedDimension.Reason.UNKNOWN_KEY));
        } else if (e == null) {
          unresolved.add(new UnresolvedDimension(d.getKey(), d.getValue(), UnresolvedDimension.Reason.UNKNOWN_ENTITY));
        } else if (!e.typeId.equals(typeId)) {
          unresolved.add(new UnresolvedDimension(d.getKey(), d.getValue(), UnresolvedDimension.Reason.TYPE_MISMATCH));
        } else if (!direct.contains(e)) {
          direct.add(e);
        }
      }
    }
    // A direct entity that is an ancestor of another direct entity is reached along that one's chain.
    Map<String, List<String>> chainOf = new LinkedHashMap<>();
    Set<String> ancestorsOfDirect = new HashSet<>();
    for (ModelEntity d : direct) {
      List<String> chain = chain(owner, d);
      chainOf.put(d.id, chain);
      ancestorsOfDirect.addAll(chain.subList(1, chain.size()));
    }
    List<List<String>> chains = new ArrayList<>();
    chainOf.forEach((id, chain) -> {
      if (!ancestorsOfDirect.contains(id)) {
        chains.add(chain);
      }
    });
    // Deepest chains first; List.sort is stable, so equally deep chains keep request order.
    chains.sort(Comparator.comparingInt((List<String> c) -> c.size()).reversed());
    LinkedHashSet<String> resolved = new LinkedHashSet<>();
    chains.forEach(resolved::addAll);
    Map<String, List<ModelBudget>> applicableByEntity = new HashMap<>();
    for (ModelBudget b : owner.budgets.values()) {
      if (b.capabilityId.equals(capabilityId) && resolved.contains(b.entityId) && resolved.containsAll(b.scope)) {
        applicableByEntity.computeIfAbsent(b.entityId, k -> new ArrayList<>()).add(b);
      }
    }
    List<ModelBudget> budgets = new ArrayList<>();
    for (String id : resolved) {
      List<ModelBudget> own = applicableByEntity.get(id);
      if (own != null) {
        own.sort(BY_SCOPE);
        budgets.addAll(own);
      }
    }
    List<String> archived = direct.stream().filter(e -> e.archived).map(e -> e.id).toList();
    return new Plan(budgets, archived, unresolved);
  }

  /** The entity id followed by its ancestors' ids, leaf first. */
  private static List<String> chain(ModelOwner owner, ModelEntity leaf) {
    List<String> chain = new ArrayList<>();
    for (ModelEntity e = leaf; e != null; e = e.parentId == null ? null : owner.entities.get(e.parentId)) {
      chain.add(e.id);
    }
    return chain;
  }

  // ------------------------------------------------------------------ check (SPEC §4)

  CheckResult check(String ownerId, Subject subject, String capabilityId, long amount, Instant now) {
    if (amount < 0) {
      throw new ModelRejection(ValidationException.class, -1, "requestedAmount < 0");
    }
    Plan plan = plan(owner(ownerId), subject, capabilityId, -1);
    return evaluate(plan, amount, now);
  }

  private static CheckResult evaluate(Plan plan, long amount, Instant now) {
    List<BudgetStatus> statuses = new ArrayList<>();
    BudgetStatus firstDenied = null;
    for (ModelBudget b : plan.budgets()) {
      long usage = b.usageAt(now);
      BudgetStatus s = status(b, usage, allows(b, usage, amount), now);
      statuses.add(s);
      if (!s.hasAccess() && firstDenied == null) {
        firstDenied = s;
      }
    }
    DenialReason reason = !plan.archived().isEmpty() ? DenialReason.ENTITY_ARCHIVED
        : firstDenied != null ? DenialReason.BUDGET_EXCEEDED : null;
    return new CheckResult(reason == null, reason, statuses, firstDenied, plan.unresolved(), plan.archived());
  }

  private static boolean allows(ModelBudget b, long usage, long amount) {
    return b.limit == null || amount <= b.limit - usage;
  }

  private static BudgetStatus status(ModelBudget b, long usage, boolean hasAccess, Instant now) {
    ModelPeriods.Period p = b.periodAt(now);
    Long remaining = b.limit == null ? null : Math.max(0L, b.limit - usage);
    return new BudgetStatus(b.id, b.entityId, b.capabilityId, b.scope, b.limit, usage, remaining, hasAccess, b.cadence(),
        p.start(), p.end());
  }

  /** The subject and resolution of {@link #allBudgetsSubject}, kept while the owner's catalog does not change. */
  private final Map<String, Subject> allBudgetsSubjects = new HashMap<>();
  private final Map<String, Plan> allBudgetsPlans = new HashMap<>();
  private final Map<String, Integer> allBudgetsVersions = new HashMap<>();

  /**
   * A subject to which every budget of the capability applies: every entity holding one and every
   * entity in a scope, in id order (their ancestors come with them). With no such budget, the first
   * entity, to which none may apply.
   */
  Subject allBudgetsSubject(String ownerId, String capabilityId) {
    refreshAllBudgets(ownerId, capabilityId);
    return allBudgetsSubjects.get(ownerId + "/" + capabilityId);
  }

  /** The check with amount 0 of {@link #allBudgetsSubject}: it reports the usage of every budget. */
  CheckResult checkAllBudgets(String ownerId, String capabilityId, Instant now) {
    refreshAllBudgets(ownerId, capabilityId);
    return evaluate(allBudgetsPlans.get(ownerId + "/" + capabilityId), 0, now);
  }

  private void refreshAllBudgets(String ownerId, String capabilityId) {
    ModelOwner owner = owner(ownerId);
    String cacheKey = ownerId + "/" + capabilityId;
    Integer version = allBudgetsVersions.get(cacheKey);
    if (version != null && version == owner.catalogVersion) {
      return;
    }
    TreeSet<String> ids = new TreeSet<>();
    for (ModelBudget b : owner.budgets.values()) {
      if (b.capabilityId.equals(capabilityId)) {
        ids.add(b.entityId);
        ids.addAll(b.scope);
      }
    }
    if (ids.isEmpty()) {
      ids.add(owner.entities.firstKey());
    }
    Subject subject = Subject.entities(List.copyOf(ids));
    allBudgetsSubjects.put(cacheKey, subject);
    allBudgetsPlans.put(cacheKey, plan(owner, subject, capabilityId, -1));
    allBudgetsVersions.put(cacheKey, owner.catalogVersion);
  }

  boolean isAllowed(String ownerId, String entityId, String capabilityId, long amount, Instant now) {
    return check(ownerId, Subject.entity(entityId), capabilityId, amount, now).hasAccess();
  }

  // ------------------------------------------------------------------ consume (SPEC §6)

  ConsumeResult consume(String ownerId, Subject subject, String capabilityId, long amount, String key, Instant now) {
    if (amount < 1) {
      throw new ModelRejection(ValidationException.class, -1, "amount < 1");
    }
    ModelOwner owner = owner(ownerId);
    Plan plan = plan(owner, subject, capabilityId, -1);
    if (!plan.archived().isEmpty()) {
      CheckResult denied = evaluate(plan, amount, now);
      return new ConsumeResult(ConsumeResult.Status.DENIED, DenialReason.ENTITY_ARCHIVED, denied.budgets(),
          denied.firstDenied(), plan.unresolved(), plan.archived());
    }
    if (key != null && isClaimed(owner, key, now)) {
      // Nothing is added again; the budgets are reported as found.
      CheckResult seen = evaluate(plan, 0, now);
      return new ConsumeResult(ConsumeResult.Status.DUPLICATE, null, seen.budgets(), null, plan.unresolved(),
          plan.archived());
    }
    CheckResult decision = evaluate(plan, amount, now);
    if (!decision.hasAccess()) {
      return new ConsumeResult(ConsumeResult.Status.DENIED, DenialReason.BUDGET_EXCEEDED, decision.budgets(),
          decision.firstDenied(), plan.unresolved(), plan.archived());
    }
    for (ModelBudget b : plan.budgets()) {
      if (b.usageAt(now) > Long.MAX_VALUE - amount) {
        throw new ModelRejection(ValidationException.class, -1, "overflow of " + b);
      }
    }
    List<BudgetStatus> after = new ArrayList<>();
    for (ModelBudget b : plan.budgets()) {
      long usage = b.usageAt(now) + amount;
      b.setUsageAt(now, usage);
      after.add(status(b, usage, true, now));
    }
    if (key != null) {
      owner.claimedKeys.put(key, now);
    }
    return new ConsumeResult(ConsumeResult.Status.GRANTED, null, after, null, plan.unresolved(), plan.archived());
  }

  boolean tryConsume(String ownerId, String entityId, String capabilityId, long amount, Instant now) {
    return consume(ownerId, Subject.entity(entityId), capabilityId, amount, null, now).status()
        == ConsumeResult.Status.GRANTED;
  }

  private static boolean isClaimed(ModelOwner owner, String key, Instant now) {
    Instant at = owner.claimedKeys.get(key);
    return at != null && now.isBefore(at.plus(RETENTION));
  }

  // ------------------------------------------------------------------ ingest (SPEC §5)

  /** A counter as staged while a batch is evaluated, so a rejected batch changes nothing. */
  private static final class Staged {
    Instant storedStart;
    long usage;

    Staged(ModelBudget b) {
      storedStart = b.storedStart;
      usage = b.usage;
    }

    long usageIn(Instant periodStart) {
      return storedStart != null && !storedStart.isBefore(periodStart) ? usage : 0L;
    }
  }

  IngestResult ingest(String ownerId, List<UsageEvent> events, Instant now) {
    ModelOwner owner = owner(ownerId);
    for (int i = 0; i < events.size(); i++) {
      UsageEvent e = events.get(i);
      if (e.amount() < 1) {
        throw new ModelRejection(ValidationException.class, i, "amount < 1");
      }
      if (e.timestamp() != null && e.timestamp().isAfter(now.plus(FUTURE_SKEW))) {
        throw new ModelRejection(ValidationException.class, i, "timestamp beyond the skew");
      }
    }
    List<Plan> plans = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      plans.add(plan(owner, events.get(i).subject(), events.get(i).capabilityId(), i));
    }
    Map<ModelBudget, Staged> staged = new IdentityHashMap<>();
    Set<String> newKeys = new LinkedHashSet<>();
    List<EventResult> results = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      UsageEvent e = events.get(i);
      Plan plan = plans.get(i);
      String key = e.idempotencyKey();
      if (key != null && (isClaimed(owner, key, now) || !newKeys.add(key))) {
        results.add(new EventResult(i, EventResult.Outcome.DUPLICATE, List.of(), plan.unresolved(), plan.archived()));
        continue;
      }
      // A timestamp within the future skew counts as now.
      Instant t = e.timestamp() == null || e.timestamp().isAfter(now) ? now : e.timestamp();
      List<BudgetUsage> usages = new ArrayList<>();
      boolean anyAdded = plan.budgets().isEmpty();
      for (ModelBudget b : plan.budgets()) {
        ModelPeriods.Period current = b.periodAt(now);
        ModelPeriods.Period of = b.periodAt(t);
        Staged s = staged.computeIfAbsent(b, Staged::new);
        long usage = s.usageIn(current.start());
        if (!current.contains(t)) {
          usages.add(new BudgetUsage(b.id, b.entityId, b.scope, true, usage, of.start(), of.end()));
          continue;
        }
        if (usage > Long.MAX_VALUE - e.amount()) {
          throw new ModelRejection(ValidationException.class, i, "overflow of " + b);
        }
        s.usage = usage + e.amount();
        if (s.storedStart == null || s.storedStart.isBefore(current.start())) {
          s.storedStart = current.start();
        }
        anyAdded = true;
        usages.add(new BudgetUsage(b.id, b.entityId, b.scope, false, s.usage, of.start(), of.end()));
      }
      results.add(new EventResult(i, anyAdded ? EventResult.Outcome.RECORDED : EventResult.Outcome.LATE, usages,
          plan.unresolved(), plan.archived()));
    }
    staged.forEach((b, s) -> {
      b.storedStart = s.storedStart;
      b.usage = s.usage;
    });
    newKeys.forEach(k -> owner.claimedKeys.put(k, now));
    return new IngestResult(results);
  }
}
