package dev.governor.testing.model;

import dev.governor.catalog.Entity;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UnresolvedDimension;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a subject resolves to for one capability (docs/semantics.md §3, README order): the applicable budgets in
 * report order, the dimensions that did not resolve, and the directly named entities that are
 * archived. Built from one model state and not changed afterwards; not safe to share across
 * threads while that model is written.
 */
record Resolution(List<ModelRow> budgets, List<UnresolvedDimension> unresolved, List<String> archived) {

  /**
   * Resolves a validated subject; an entity id that names nothing rejects the request (not found) at
   * batch position {@code index}.
   */
  static Resolution of(CatalogModel catalog, OwnerModel owner, Subject subject, String capabilityId, int index) {
    List<Entity> direct = new ArrayList<>();
    List<UnresolvedDimension> unresolved = new ArrayList<>();
    if (subject.byEntityIds()) {
      for (String id : subject.entityIds()) {
        Entity e = owner.entity(id);
        if (e == null) {
          throw Rejection.notFound(index, "entity", "no entity " + id);
        }
        if (!direct.contains(e)) {
          direct.add(e);
        }
      }
    } else {
      for (Map.Entry<String, String> d : new TreeMap<>(subject.dimensions()).entrySet()) {
        String typeId = catalog.keyOwner(d.getKey());
        Entity e = owner.entity(d.getValue());
        if (typeId == null) {
          unresolved.add(new UnresolvedDimension(d.getKey(), d.getValue(), UnresolvedDimension.Reason.UNKNOWN_KEY));
        } else if (e == null) {
          unresolved.add(new UnresolvedDimension(d.getKey(), d.getValue(), UnresolvedDimension.Reason.UNKNOWN_ENTITY));
        } else if (!e.typeId().equals(typeId)) {
          unresolved.add(new UnresolvedDimension(d.getKey(), d.getValue(), UnresolvedDimension.Reason.TYPE_MISMATCH));
        } else if (!direct.contains(e)) {
          direct.add(e);
        }
      }
    }
    // A direct entity that is an ancestor of another direct entity is reached along that one's chain.
    Map<String, List<String>> chainOf = new LinkedHashMap<>();
    Set<String> ancestorsOfDirect = new HashSet<>();
    for (Entity d : direct) {
      List<String> chain = chain(owner, d);
      chainOf.put(d.id(), chain);
      ancestorsOfDirect.addAll(chain.subList(1, chain.size()));
    }
    List<List<String>> chains = new ArrayList<>();
    chainOf.forEach((id, chain) -> {
      if (!ancestorsOfDirect.contains(id)) {
        chains.add(chain);
      }
    });
    // Deepest chains first, leaf to root, each entity once; List.sort is stable, so equally deep
    // chains keep request order.
    chains.sort(Comparator.comparingInt((List<String> c) -> c.size()).reversed());
    LinkedHashSet<String> resolved = new LinkedHashSet<>();
    chains.forEach(resolved::addAll);
    List<ModelRow> budgets = new ArrayList<>();
    for (String id : resolved) {
      // Node-wide before scoped: the rows come in list order.
      for (ModelRow b : owner.rowsOf(id, capabilityId)) {
        if (resolved.containsAll(b.scope())) {
          budgets.add(b);
        }
      }
    }
    List<String> archived = direct.stream().filter(Entity::isArchived).map(Entity::id).toList();
    return new Resolution(budgets, unresolved, archived);
  }

  /** The entity id followed by its ancestors' ids, leaf first. */
  private static List<String> chain(OwnerModel owner, Entity leaf) {
    List<String> chain = new ArrayList<>();
    for (Entity e = leaf; e != null; e = e.parentId() == null ? null : owner.entity(e.parentId())) {
      chain.add(e.id());
    }
    return chain;
  }
}
