package dev.governor.internal;

import dev.governor.NotFoundException;
import dev.governor.ValidationException;
import dev.governor.catalog.Entity;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UnresolvedDimension;
import dev.governor.runtime.UnresolvedDimensionPolicy;
import dev.governor.spi.GlobalSnapshot;
import dev.governor.spi.OwnerSnapshot;

/**
 * Finds or compiles the plan of a request: cached per entity and capability, or per subject for
 * dimensions and several entities, compiled from the owner's latest snapshot otherwise. A cached
 * plan is used while it matches the latest snapshot this engine has seen; the ledger validates it
 * against the store either way. Nothing is refused on a cached view alone: a missing capability,
 * entity or (with {@link UnresolvedDimensionPolicy#REJECT}) dimension is looked up again in a fresh
 * read first. Thread-safe.
 */
final class Planner {
  private final EngineContext ctx;

  Planner(EngineContext ctx) {
    this.ctx = ctx;
  }

  /** The plan of one entity id and capability; {@code rt} is the owner's runtime or null. */
  Plan entityPlan(OwnerRuntime rt, String entityId, String capabilityId, int index, String field) {
    if (rt != null && entityId != null && capabilityId != null) {
      EntityRuntime cached = rt.entities.get(entityId);
      if (cached != null) {
        Plan p = cached.plan(capabilityId);
        if (p != null && p.version == rt.version()) {
          return p;
        }
      }
    }
    Ids.require(index, field, entityId);
    Ids.require(index, "capabilityId", capabilityId);
    requireCapability(index, capabilityId);
    if (rt == null) {
      throw new NotFoundException(index, field, "entity", entityId);
    }
    OwnerSnapshot snapshot = rt.snapshot();
    Entity entity = snapshot.entity(entityId);
    if (entity == null) {
      snapshot = rt.refresh();
      entity = snapshot.entity(entityId);
      if (entity == null) {
        throw new NotFoundException(index, field, "entity", entityId);
      }
    }
    Plan plan = PlanCompiler.compileEntity(snapshot, rt, entity, capabilityId);
    rt.entity(entityId).put(plan);
    return plan;
  }

  /** The plan of any validated subject: cached for one entity id, per subject otherwise. */
  Plan plan(OwnerRuntime rt, Subject subject, String capabilityId, int index) {
    if (subject.entityIds().size() == 1) {
      return entityPlan(rt, subject.entityIds().get(0), capabilityId, index, "subject.entityIds[0]");
    }
    Ids.require(index, "capabilityId", capabilityId);
    requireCapability(index, capabilityId);
    if (rt == null) {
      if (subject.byEntityIds()) {
        throw new NotFoundException(index, "subject.entityIds[0]", "entity", subject.entityIds().get(0));
      }
      // No ledger call will validate this answer, so it is made from a fresh engine-wide read.
      return rejectUnresolved(PlanCompiler.nothingResolved(ctx.refreshGlobal(), subject, capabilityId), index, null, subject,
          capabilityId);
    }
    OwnerRuntime.SubjectKey key = new OwnerRuntime.SubjectKey(subject, capabilityId);
    GlobalSnapshot global = ctx.global();
    Plan cached = rt.subjectPlans().getIfPresent(key);
    if (cached != null && cached.version == rt.version()
        && (subject.byEntityIds() || cached.globalVersion == global.version())) {
      return cached;
    }
    Plan plan;
    try {
      plan = PlanCompiler.compile(rt.snapshot(), rt, global, subject, capabilityId, index);
    } catch (NotFoundException e) {
      // An entity this engine has not seen yet may exist: look again before refusing.
      plan = PlanCompiler.compile(rt.refresh(), rt, global, subject, capabilityId, index);
    }
    plan = rejectUnresolved(plan, index, rt, subject, capabilityId);
    rt.subjectPlans().put(key, plan);
    return plan;
  }

  /** Throws when a capability does not exist after a fresh read. */
  void requireCapability(int index, String capabilityId) {
    if (ctx.capability(capabilityId) == null) {
      throw new NotFoundException(index, "capabilityId", "capability", capabilityId);
    }
  }

  /**
   * With {@link UnresolvedDimensionPolicy#REJECT}, a plan with an unresolved dimension is compiled
   * once more from fresh reads and, if still unresolved, refused with the dimension named.
   */
  private Plan rejectUnresolved(Plan plan, int index, OwnerRuntime rt, Subject subject, String capabilityId) {
    if (plan.unresolved.isEmpty() || ctx.settings.unresolvedDimensions() != UnresolvedDimensionPolicy.REJECT) {
      return plan;
    }
    GlobalSnapshot global = ctx.refreshGlobal();
    Plan fresh = rt == null ? PlanCompiler.nothingResolved(global, subject, capabilityId)
        : PlanCompiler.compile(rt.refresh(), rt, global, subject, capabilityId, index);
    if (fresh.unresolved.isEmpty()) {
      return fresh;
    }
    UnresolvedDimension d = fresh.unresolved.get(0);
    throw new ValidationException(index, "subject.dimensions." + d.key(), d.value(), describe(d.reason()));
  }

  private static String describe(UnresolvedDimension.Reason reason) {
    return switch (reason) {
      case UNKNOWN_KEY -> "is under an attribution key that no entity type owns";
      case UNKNOWN_ENTITY -> "names no entity of this owner";
      case TYPE_MISMATCH -> "names an entity of another type than the one that owns the key";
    };
  }
}
