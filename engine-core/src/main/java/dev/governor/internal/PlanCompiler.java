package dev.governor.internal;

import dev.governor.NotFoundException;
import dev.governor.ValidationException;
import dev.governor.catalog.Entity;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UnresolvedDimension;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.GlobalSnapshot;
import dev.governor.spi.OwnerSnapshot;
import dev.governor.spi.StoredAssignment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Resolves a subject against one catalog view and compiles the applicable budgets
 * (docs/semantics.md, Resolution): direct set D from entity ids (unknown ones are errors) or
 * dimensions (unknown keys, values and type mismatches are reported as unresolved); resolved set
 * R = D plus all ancestors; a budget applies when its capability matches and its scope is a subset
 * of R. Budgets are ordered leaf to root along each chain (deepest chains first, then request order),
 * node-wide before scoped, each entity once. Stateless and thread-safe.
 */
final class PlanCompiler {
  static final int MAX_SUBJECT = 100;

  private PlanCompiler() {}

  /** Validates a subject's shape (not its contents' existence). */
  static void validateSubject(int index, Subject subject) {
    if (subject == null) {
      throw ValidationException.of(index, "subject", "must not be null");
    }
    boolean ids = !subject.entityIds().isEmpty();
    boolean dims = !subject.dimensions().isEmpty();
    if (ids == dims) {
      throw ValidationException.of(index, "subject",
          ids ? "must name entity ids or dimensions, not both" : "must name 1..100 entity ids or 1..100 dimensions");
    }
    int size = ids ? subject.entityIds().size() : subject.dimensions().size();
    if (size > MAX_SUBJECT) {
      throw ValidationException.of(index, ids ? "subject.entityIds" : "subject.dimensions",
          "must hold at most " + MAX_SUBJECT + " entries, had " + size);
    }
    if (ids) {
      for (int j = 0; j < subject.entityIds().size(); j++) {
        Ids.require(index, "subject.entityIds[" + j + "]", subject.entityIds().get(j));
      }
    } else {
      for (Map.Entry<String, String> d : subject.dimensions().entrySet()) {
        if (d.getKey() == null) {
          throw ValidationException.of(index, "subject.dimensions", "must not contain a null key");
        }
        if (d.getValue() == null) {
          throw new ValidationException(index, "subject.dimensions." + d.getKey(), null, "must be an entity id, not null");
        }
      }
    }
  }

  /** Compiles the plan of a validated subject. */
  static Plan compile(OwnerSnapshot view, OwnerRuntime runtime, GlobalSnapshot global, Subject subject,
      String capabilityId, int index) {
    List<Entity> direct = new ArrayList<>();
    List<UnresolvedDimension> unresolved = new ArrayList<>();
    if (subject.byEntityIds()) {
      Set<String> seen = new HashSet<>();
      for (int j = 0; j < subject.entityIds().size(); j++) {
        String id = subject.entityIds().get(j);
        Entity e = view.entity(id);
        if (e == null) {
          throw new NotFoundException(index, "subject.entityIds[" + j + "]", "entity", id);
        }
        if (seen.add(id)) {
          direct.add(e);
        }
      }
    } else {
      // Sorted by key so the outcome does not depend on the caller's map iteration order.
      for (Map.Entry<String, String> d : new TreeMap<>(subject.dimensions()).entrySet()) {
        String typeId = global.attributionKeyOwner(d.getKey());
        Entity e = typeId == null || !Ids.isValid(d.getValue(), false) ? null : view.entity(d.getValue());
        if (typeId == null) {
          unresolved.add(new UnresolvedDimension(d.getKey(), d.getValue(), UnresolvedDimension.Reason.UNKNOWN_KEY));
        } else if (e == null) {
          unresolved.add(new UnresolvedDimension(d.getKey(), d.getValue(), UnresolvedDimension.Reason.UNKNOWN_ENTITY));
        } else if (!e.typeId().equals(typeId)) {
          unresolved.add(new UnresolvedDimension(d.getKey(), d.getValue(), UnresolvedDimension.Reason.TYPE_MISMATCH));
        } else if (direct.stream().noneMatch(x -> x.id().equals(e.id()))) {
          direct.add(e);
        }
      }
    }
    long globalVersion = subject.byEntityIds() ? BudgetSet.ANY_GLOBAL_VERSION : global.version();
    return build(view, runtime, direct, unresolved, capabilityId, globalVersion);
  }

  /** The plan for dimensions against an owner that holds no data: nothing resolves, nothing applies. */
  static Plan nothingResolved(GlobalSnapshot global, Subject subject, String capabilityId) {
    List<UnresolvedDimension> unresolved = new ArrayList<>();
    for (Map.Entry<String, String> d : new TreeMap<>(subject.dimensions()).entrySet()) {
      UnresolvedDimension.Reason reason = global.attributionKeyOwner(d.getKey()) != null
          ? UnresolvedDimension.Reason.UNKNOWN_ENTITY : UnresolvedDimension.Reason.UNKNOWN_KEY;
      unresolved.add(new UnresolvedDimension(d.getKey(), d.getValue(), reason));
    }
    return new Plan(0L, global.version(), capabilityId, new CompiledAssignment[0], List.of(), List.copyOf(unresolved));
  }

  /** Compiles the plan of one entity known to exist in {@code view}. */
  static Plan compileEntity(OwnerSnapshot view, OwnerRuntime runtime, Entity entity, String capabilityId) {
    return build(view, runtime, List.of(entity), List.of(), capabilityId, BudgetSet.ANY_GLOBAL_VERSION);
  }

  private static Plan build(OwnerSnapshot view, OwnerRuntime runtime, List<Entity> direct,
      List<UnresolvedDimension> unresolved, String capabilityId, long globalVersion) {
    Map<String, List<Entity>> chains = new LinkedHashMap<>();
    Set<String> ancestorsOfDirect = new HashSet<>();
    for (Entity d : direct) {
      List<Entity> chain = chain(view, d);
      chains.put(d.id(), chain);
      for (int i = 1; i < chain.size(); i++) {
        ancestorsOfDirect.add(chain.get(i).id());
      }
    }
    List<List<Entity>> leaves = new ArrayList<>();
    for (Entity d : direct) {
      if (!ancestorsOfDirect.contains(d.id())) {
        leaves.add(chains.get(d.id()));
      }
    }
    leaves.sort(Comparator.comparingInt((List<Entity> c) -> c.size()).reversed());
    LinkedHashMap<String, Entity> resolved = new LinkedHashMap<>();
    for (List<Entity> chain : leaves) {
      for (Entity e : chain) {
        resolved.putIfAbsent(e.id(), e);
      }
    }
    List<CompiledAssignment> budgets = new ArrayList<>();
    for (String id : resolved.keySet()) {
      for (CompiledAssignment b : runtime.compiled(view, id)) {
        StoredAssignment a = b.source;
        if (a.capabilityId().equals(capabilityId) && resolved.keySet().containsAll(a.scopeEntityIds())) {
          budgets.add(b);
        }
      }
    }
    List<String> archived = new ArrayList<>();
    for (Entity d : direct) {
      if (d.isArchived()) {
        archived.add(d.id());
      }
    }
    return new Plan(view.version(), globalVersion, capabilityId, budgets.toArray(new CompiledAssignment[0]), List.copyOf(archived),
        List.copyOf(unresolved));
  }

  /** The entity and its ancestors, leaf first. Bounded so that corrupt data cannot loop forever. */
  private static List<Entity> chain(OwnerSnapshot view, Entity leaf) {
    List<Entity> chain = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Entity e = leaf; e != null && seen.add(e.id()); e = e.parentId() == null ? null : view.entity(e.parentId())) {
      chain.add(e);
    }
    return chain;
  }
}
