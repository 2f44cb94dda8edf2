package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.Cadence;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityUpsert;
import dev.governor.testing.model.ModelKey;
import dev.governor.testing.model.ModelRow;
import dev.governor.testing.model.OwnerModel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Random catalog changes that matter to the runtime, each applied to the engine (which must accept
 * it, as only valid changes are generated) and then, as the same request, to the model (which must
 * accept it too): new entities, leaf moves, archive and unarchive, assignment create, limit, cadence
 * and anchor changes, unlimited, delete. Not thread-safe: one test thread drives it.
 */
final class CatalogSteps {
  static final int MAX_ENTITIES = 34;
  static final int MAX_BUDGETS = 42;
  static final List<String> CADENCES =
      List.of("PT15M", "PT30M", "PT1H", "PT2H", "P1D", "P2D", "P7D", "P1W", "P2W", "P1M", "P3M", "P1Y");

  private final ModelRun run;
  private int created;

  CatalogSteps(ModelRun run) {
    this.run = run;
  }

  /** The starting hierarchy of every owner: two orgs, teams, users, an agent, models and a region. */
  void seedOwner(String ownerId) {
    createEntity(ownerId, "org-1", "org", null);
    createEntity(ownerId, "org-2", "org", null);
    createEntity(ownerId, "team-1", "team", "org-1");
    createEntity(ownerId, "team-2", "team", "org-1");
    createEntity(ownerId, "team-3", "team", "org-2");
    createEntity(ownerId, "user-1", "user", "team-1");
    createEntity(ownerId, "user-2", "user", "team-1");
    createEntity(ownerId, "user-3", "user", "team-2");
    createEntity(ownerId, "user-4", "user", "team-3");
    createEntity(ownerId, "agent-1", "agent", "user-1");
    createEntity(ownerId, "model-a", "model", null);
    createEntity(ownerId, "model-b", "model", null);
    createEntity(ownerId, "region-eu", "region", null);
    for (int i = 0; i < 20; i++) {
      run.begin(-1, "setup");
      createAssignment(ownerId);
    }
  }

  private void createEntity(String ownerId, String id, String typeId, String parentId) {
    EntityUpsert upsert = EntityUpsert.of(id).type(typeId);
    if (parentId != null) {
      upsert = upsert.parent(parentId);
    }
    List<EntityUpsert> batch = List.of(upsert);
    run.accepted(() -> run.engine.entities(ownerId).upsert(batch));
    run.mirror(m -> m.upsertEntities(ownerId, batch, run.now()));
  }

  // ------------------------------------------------------------------ entities

  void newEntity(String ownerId) {
    OwnerModel owner = run.owner(ownerId);
    if (owner.entities().size() >= MAX_ENTITIES) {
      moveLeaf(ownerId);
      return;
    }
    String type = run.pick(List.of("team", "user", "user", "agent", "model", "region"));
    String parentType = switch (type) {
      case "team" -> "org";
      case "user" -> "team";
      case "agent" -> "user";
      default -> null;
    };
    String parent = null;
    if (parentType != null) {
      List<Entity> parents = active(owner.ofType(parentType));
      if (parents.isEmpty()) {
        type = "model";
      } else {
        parent = run.pick(parents).id();
      }
    }
    String id = type + "-n" + (++created);
    run.describe("new entity " + ownerId + "/" + id + " under " + parent);
    createEntity(ownerId, id, type, parent);
  }

  /** Moves a leaf (only leaves move) under another active parent or to root, by entity or assignment upsert. */
  void moveLeaf(String ownerId) {
    OwnerModel owner = run.owner(ownerId);
    List<Entity> leaves = owner.entities().values().stream()
        .filter(e -> List.of("team", "user", "agent").contains(e.typeId()) && !owner.hasChildren(e.id()))
        .collect(Collectors.toList());
    if (leaves.isEmpty()) {
      return;
    }
    Entity leaf = run.pick(leaves);
    List<Entity> parents = new ArrayList<>(switch (leaf.typeId()) {
      case "team" -> active(owner.ofType("org"));
      case "user" -> run.chance(0.8) ? active(owner.ofType("team")) : active(owner.ofType("org"));
      default -> active(owner.ofType("user"));
    });
    String parent = parents.isEmpty() || run.chance(0.1) ? null : run.pick(parents).id();
    List<ModelRow> own = owner.rowsOf(leaf.id());
    if (run.chance(0.6) || own.isEmpty()) {
      run.describe("move " + ownerId + "/" + leaf.id() + " to " + parent + " (entity upsert)");
      EntityUpsert upsert = parent == null ? EntityUpsert.of(leaf.id()).detachParent() : EntityUpsert.of(leaf.id()).parent(parent);
      run.accepted(() -> run.engine.entities(ownerId).upsert(List.of(upsert)));
      run.mirror(m -> m.upsertEntities(ownerId, List.of(upsert), run.now()));
    } else {
      // The parent belongs to the entity: an assignment upsert that only sends a parent moves the entity.
      ModelRow b = run.pick(own);
      run.describe("move " + ownerId + "/" + leaf.id() + " to " + parent + " (assignment upsert of " + b + ")");
      AssignmentUpsert base = AssignmentUpsert.of(b.entityId(), b.capabilityId()).scope(b.scope());
      AssignmentUpsert upsert = parent == null ? base.detachParent() : base.parent(parent);
      List<Assignment> out = run.accepted(() -> run.engine.assignments(ownerId).upsert(List.of(upsert)));
      assertThat(out.get(0).parentId()).as(run.context()).isEqualTo(parent);
      assertThat(out.get(0).id()).as(run.context()).isEqualTo(b.id());
      run.mirror(m -> m.upsertAssignments(ownerId, List.of(upsert), run.now(), out));
    }
  }

  void archive(String ownerId) {
    List<Entity> candidates = active(List.copyOf(run.owner(ownerId).entities().values()));
    if (candidates.isEmpty()) {
      return;
    }
    String id = run.pick(candidates).id();
    run.describe("archive " + ownerId + "/" + id);
    run.accepted(() -> run.engine.entities(ownerId).archive(List.of(id)));
    run.mirror(m -> m.setArchived(ownerId, List.of(id), true, run.now()));
  }

  void unarchive(String ownerId) {
    List<Entity> candidates = run.owner(ownerId).entities().values().stream().filter(Entity::isArchived).toList();
    if (candidates.isEmpty()) {
      return;
    }
    String id = run.pick(candidates).id();
    run.describe("unarchive " + ownerId + "/" + id);
    run.accepted(() -> run.engine.entities(ownerId).unarchive(List.of(id)));
    run.mirror(m -> m.setArchived(ownerId, List.of(id), false, run.now()));
  }

  private static List<Entity> active(List<Entity> entities) {
    return entities.stream().filter(e -> !e.isArchived()).collect(Collectors.toList());
  }

  // ------------------------------------------------------------------ assignments

  /** Creates a budget, node-wide or scoped to model entities; on an existing key it is a full update. */
  void createAssignment(String ownerId) {
    OwnerModel owner = run.owner(ownerId);
    if (owner.rows().size() >= MAX_BUDGETS) {
      changeLimit(ownerId);
      return;
    }
    String type = run.pick(List.of("org", "org", "team", "team", "user", "user", "agent", "model", "model", "region"));
    List<Entity> holders = owner.ofType(type);
    Entity holder = holders.isEmpty() ? run.pick(List.copyOf(owner.entities().values())) : run.pick(holders);
    String capabilityId = run.pick(ModelRun.CAPABILITIES);
    SortedSet<String> scope = new TreeSet<>();
    if (run.chance(0.3)) {
      int size = run.chance(0.75) ? 1 : 2;
      for (int i = 0; i < size; i++) {
        List<Entity> pool = run.chance(0.6) ? owner.ofType(run.pick(List.of("model", "region"))) : List.copyOf(owner.entities().values());
        if (!pool.isEmpty()) {
          scope.add(run.pick(pool).id());
        }
      }
    }
    Long limit = randomLimit();
    Cadence cadence = Cadence.parse(run.pick(CADENCES));
    Instant anchor = run.chance(0.25) ? randomAnchor() : null;
    AssignmentUpsert upsert = AssignmentUpsert.of(holder.id(), capabilityId).scope(scope).cadence(cadence.toString());
    upsert = limit == null ? upsert.unlimited() : upsert.usageLimit(limit);
    upsert = anchor == null ? upsert.clearAnchor() : upsert.anchor(anchor);
    AssignmentKey key = new AssignmentKey(holder.id(), capabilityId, scope);
    ModelRow existing = owner.rowByKey(ModelKey.of(key));
    run.describe("upsert " + ownerId + "/" + key + " limit=" + limit + " " + cadence + " anchor=" + anchor
        + (existing == null ? " (new)" : " (update of " + existing + ")"));
    Assignment stored = store(ownerId, upsert);
    if (existing == null) {
      assertThat(owner.rows().values().stream().map(ModelRow::id)).as(run.context() + "a new assignment gets a new id")
          .doesNotContain(stored.id());
    }
    expectStored(ownerId, stored, upsert);
  }

  /** A new limit (possibly unlimited) on an existing budget; the usage counted so far stays. */
  void changeLimit(String ownerId) {
    ModelRow b = anyBudget(ownerId);
    if (b == null) {
      return;
    }
    Long limit = randomLimit();
    run.describe("limit of " + ownerId + "/" + b + " -> " + limit);
    AssignmentUpsert base = AssignmentUpsert.of(b.entityId(), b.capabilityId()).scope(b.scope());
    AssignmentUpsert upsert = limit == null ? base.unlimited() : base.usageLimit(limit);
    ModelRow after = expectStored(ownerId, store(ownerId, upsert), upsert);
    expectStored(ownerId, run.accepted(() -> run.engine.assignments(ownerId).get(b.id()).orElseThrow()), after);
  }

  /** A new cadence and/or anchor; only the current period's usage carries over. */
  void changeCadence(String ownerId) {
    ModelRow b = anyBudget(ownerId);
    if (b == null) {
      return;
    }
    AssignmentUpsert upsert = AssignmentUpsert.of(b.entityId(), b.capabilityId()).scope(b.scope());
    Cadence cadence = b.cadence();
    if (run.chance(0.8)) {
      cadence = Cadence.parse(run.pick(CADENCES));
      upsert = upsert.cadence(cadence.toString());
    }
    Instant anchor = b.anchor();
    double r = run.random.nextDouble();
    if (r < 0.25) {
      anchor = randomAnchor();
      upsert = upsert.anchor(anchor);
    } else if (r < 0.45) {
      anchor = null;
      upsert = upsert.clearAnchor();
    }
    run.describe("cadence of " + ownerId + "/" + b + " -> " + cadence + " anchor=" + anchor);
    AssignmentUpsert sent = upsert;
    expectStored(ownerId, store(ownerId, sent), sent);
  }

  void makeUnlimited(String ownerId) {
    ModelRow b = anyBudget(ownerId);
    if (b == null) {
      return;
    }
    run.describe("unlimited " + ownerId + "/" + b);
    AssignmentUpsert upsert = AssignmentUpsert.of(b.entityId(), b.capabilityId()).scope(b.scope()).unlimited();
    expectStored(ownerId, store(ownerId, upsert), upsert);
  }

  /** Deletes a budget by id or by natural key; its usage goes with it. */
  void delete(String ownerId) {
    ModelRow b = anyBudget(ownerId);
    if (b == null) {
      return;
    }
    AssignmentKey key = new AssignmentKey(b.entityId(), b.capabilityId(), b.scope());
    boolean byId = run.chance(0.5);
    run.describe("delete " + ownerId + "/" + b + (byId ? " by id" : " by key"));
    List<Assignment> deleted = run.accepted(() -> byId
        ? run.engine.assignments(ownerId).delete(List.of(b.id()))
        : run.engine.assignments(ownerId).deleteByKey(List.of(key)));
    assertThat(deleted).as(run.context()).extracting(Assignment::id).containsExactly(b.id());
    run.mirror(m -> byId ? m.deleteAssignments(ownerId, List.of(b.id())) : m.deleteAssignmentsByKey(ownerId, List.of(key)));
  }

  private ModelRow anyBudget(String ownerId) {
    List<ModelRow> budgets = run.owner(ownerId).rowList();
    return budgets.isEmpty() ? null : run.pick(budgets);
  }

  private Assignment store(String ownerId, AssignmentUpsert upsert) {
    List<Assignment> out = run.accepted(() -> run.engine.assignments(ownerId).upsert(List.of(upsert)));
    assertThat(out).as(run.context()).hasSize(1);
    return out.get(0);
  }

  /**
   * Mirrors the upsert the engine stored as {@code stored} in the model (a new assignment takes the
   * engine's id) and asserts the engine stored what the model holds; returns the model's row.
   */
  private ModelRow expectStored(String ownerId, Assignment stored, AssignmentUpsert upsert) {
    run.mirror(m -> m.upsertAssignments(ownerId, List.of(upsert), run.now(), List.of(stored)));
    OwnerModel owner = run.owner(ownerId);
    ModelRow b = owner.rowById(stored.id());
    assertThat(b).as(run.context() + "the model's row of stored assignment " + stored.id()).isNotNull();
    expectStored(ownerId, stored, b);
    return b;
  }

  private void expectStored(String ownerId, Assignment stored, ModelRow b) {
    Entity holder = run.owner(ownerId).entity(b.entityId());
    assertThat(List.of(stored.id(), stored.entityId(), stored.capabilityId(), stored.scopeEntityIds(),
            String.valueOf(stored.usageLimit()), stored.cadence(), String.valueOf(stored.anchor()), String.valueOf(stored.parentId())))
        .as(run.context() + "stored assignment")
        .containsExactly(b.id(), b.entityId(), b.capabilityId(), b.scope(), String.valueOf(b.usageLimit()), b.cadence(),
            String.valueOf(b.anchor()), String.valueOf(holder.parentId()));
  }

  /** Limits small enough to be hit often, with some zero and some large ones; null is unlimited. */
  private Long randomLimit() {
    double r = run.random.nextDouble();
    if (r < 0.12) {
      return null;
    }
    if (r < 0.17) {
      return 0L;
    }
    if (r < 0.50) {
      return run.between(1L, 60L);
    }
    if (r < 0.85) {
      return run.between(60L, 600L);
    }
    return run.between(600L, 6000L);
  }

  /** An anchor around now, often on the 29th-31st of a month and at an odd time of day. */
  private Instant randomAnchor() {
    Instant around = run.now().plus(Duration.ofMinutes(run.between(-130_000L, 130_000L)));
    LocalDateTime t = LocalDateTime.ofInstant(around, ZoneOffset.UTC);
    if (run.chance(0.5)) {
      int day = run.between(28, 31);
      t = t.withDayOfMonth(Math.min(day, t.toLocalDate().lengthOfMonth()));
    }
    return t.toInstant(ZoneOffset.UTC).plusMillis(run.between(0, 59_999));
  }
}
