package dev.governor.conformance.fuzz;

import dev.governor.GovernanceEngine;
import dev.governor.Page;
import dev.governor.PageRequest;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentFilter;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityFilter;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.runtime.CheckRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Everything one owner can read of itself, as text: every page (with its cursor) of its entity and
 * assignment lists, each entity and assignment by id and by key, every page of its budget and tree
 * queries, and a zero-amount check and an {@code isAllowed} of every entity for every capability
 * named. Two snapshots are equal exactly when nothing the owner can observe changed, byte for byte.
 */
final class VictimSnapshot {
  private VictimSnapshot() {}

  static List<String> take(GovernanceEngine engine, String ownerId, List<String> capabilities) {
    List<String> out = new ArrayList<>();
    List<Entity> entities = new ArrayList<>();
    for (boolean archived : new boolean[] {false, true}) {
      pages(out, after -> engine.entities(ownerId).list(new EntityFilter(null, archived), new PageRequest(3, after)),
          archived ? entities : new ArrayList<>());
    }
    List<Assignment> assignments = new ArrayList<>();
    pages(out, after -> engine.assignments(ownerId).list(AssignmentFilter.all(), new PageRequest(3, after)),
        assignments);
    for (Entity e : entities) {
      out.add(String.valueOf(engine.entities(ownerId).get(e.id())));
      for (String c : capabilities) {
        out.add(String.valueOf(engine.check(ownerId, CheckRequest.of(e.id(), c).amount(0))));
        out.add(String.valueOf(engine.isAllowed(ownerId, e.id(), c, 1)));
      }
    }
    for (Assignment a : assignments) {
      out.add(String.valueOf(engine.assignments(ownerId).get(a.id())));
      out.add(String.valueOf(engine.assignments(ownerId).get(a.key())));
    }
    for (SortField sort : new SortField[] {SortField.UTILIZATION, SortField.ID}) {
      TreeQuery q = TreeQuery.budgets(capabilities.toArray(new String[0])).includeArchived(true).sortBy(sort).limit(2);
      pages(out, after -> engine.query(ownerId, q.after(after)), new ArrayList<TreeRow>());
    }
    pages(out, after -> engine.query(ownerId, TreeQuery.tree().includeArchived(true).limit(2).after(after)),
        new ArrayList<TreeRow>());
    return out;
  }

  private static <T> void pages(List<String> out, Function<String, Page<T>> list, List<T> items) {
    String after = null;
    do {
      Page<T> page = list.apply(after);
      out.add(page.toString());
      items.addAll(page.items());
      after = page.nextCursor();
    } while (after != null);
  }
}
