package dev.governor.internal;

import dev.governor.ConflictException;
import dev.governor.NotFoundException;
import dev.governor.catalog.Entity;
import dev.governor.catalog.Patch;
import java.util.Objects;

/**
 * The parent rules shared by entity and assignment upserts: same owner, parent not archived, only
 * leaves move, no cycles, maximum depth. Stateless and thread-safe.
 */
final class Hierarchy {
  private Hierarchy() {}

  /**
   * Resolves a tri-state parent patch for entity {@code entityId} (which may not exist yet) and
   * returns the parent it will have. Re-sending the current parent is not a change and is always
   * accepted, so replayed batches stay idempotent.
   */
  static String resolveParent(
      OwnerDraft view, int index, String entityId, String currentParent, Patch<String> patch, int maxDepth) {
    if (patch.isKeep()) {
      return currentParent;
    }
    String newParent = patch.value();
    if (Objects.equals(newParent, currentParent)) {
      return currentParent;
    }
    if (newParent != null) {
      Ids.require(index, "parentId", newParent);
    }
    if (view.childCount(entityId) > 0) {
      throw new ConflictException(index, "parentId", newParent, ConflictException.Reason.NON_LEAF_MOVE,
          "cannot become the parent of " + entityId + ": it has children and only leaves move");
    }
    if (newParent == null) {
      return null;
    }
    if (newParent.equals(entityId)) {
      throw new ConflictException(index, "parentId", newParent, ConflictException.Reason.CYCLE,
          "is the entity itself; an entity cannot be its own parent");
    }
    Entity parent = view.entity(newParent);
    if (parent == null) {
      throw new NotFoundException(index, "parentId", "entity", newParent);
    }
    if (parent.isArchived()) {
      throw new ConflictException(index, "parentId", newParent, ConflictException.Reason.PARENT_ARCHIVED,
          "is archived; unarchive it before attaching entities under it");
    }
    int depth = 1;
    for (Entity e = parent; e.parentId() != null; e = view.entity(e.parentId())) {
      if (e.parentId().equals(entityId)) {
        throw new ConflictException(index, "parentId", newParent, ConflictException.Reason.CYCLE,
            "is a descendant of " + entityId + "; the change would make a cycle");
      }
      depth++;
    }
    if (depth + 1 > maxDepth) {
      throw new ConflictException(index, "parentId", newParent, ConflictException.Reason.MAX_DEPTH_EXCEEDED,
          "would place " + entityId + " at depth " + (depth + 1) + ", deeper than the maximum of " + maxDepth);
    }
    // The stored parent's own id instance: millions of children then share one String.
    return parent.id();
  }
}
