package dev.governor.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One owner (one of the host application's customers) as the demo provisions it: its entities, in
 * parent-before-child order, and its budgets. Plain data, so the tests can compute independently
 * which budgets a request reaches. Immutable, so thread-safe; its {@link Builder} is not.
 *
 * @param ownerId the owner, e.g. {@code cus-acme}
 * @param title how the report names the owner
 * @param share the owner's relative share of the workload
 * @param nodes the entities, every parent before its children
 * @param budgets the budgets
 */
public record OwnerPlan(String ownerId, String title, int share, List<Node> nodes, List<Budget> budgets) {
  public OwnerPlan {
    nodes = List.copyOf(nodes);
    budgets = List.copyOf(budgets);
  }

  /**
   * An entity.
   *
   * @param id the entity id
   * @param typeId its type
   * @param displayName its display name
   * @param parentId its parent, or null for a root
   * @param metadata its metadata
   */
  public record Node(String id, String typeId, String displayName, String parentId, Map<String, String> metadata) {
    public Node {
      metadata = Map.copyOf(metadata);
    }
  }

  /**
   * A budget.
   *
   * @param entityId the entity holding it
   * @param capabilityId the capability
   * @param scope the scope entity ids, empty for node-wide
   * @param limit the limit per period, or null for tracked but unlimited
   * @param cadence the ISO-8601 period
   * @param softLimit the soft limit (flagged above it, never enforced), or null for none
   * @param alertThresholds the fractions of the limit announced to the listener when reached, ascending
   */
  public record Budget(String entityId, String capabilityId, List<String> scope, Long limit, String cadence,
      Long softLimit, List<Double> alertThresholds) {
    public Budget {
      scope = List.copyOf(scope);
      alertThresholds = alertThresholds.stream().sorted().toList();
    }

    /** A budget without soft limit or alert thresholds. */
    public Budget(String entityId, String capabilityId, List<String> scope, Long limit, String cadence) {
      this(entityId, capabilityId, scope, limit, cadence, null, List.of());
    }
  }

  /** The entity with this id. */
  public Node node(String id) {
    return nodes.stream().filter(n -> n.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException(ownerId + " has no entity " + id));
  }

  /** The entity with this id followed by its ancestors, leaf to root. */
  public List<Node> chain(String id) {
    List<Node> chain = new ArrayList<>();
    for (Node n = node(id); n != null; n = n.parentId() == null ? null : node(n.parentId())) {
      chain.add(n);
    }
    return chain;
  }

  /** The entities of one type, in plan order. */
  public List<Node> ofType(String typeId) {
    return nodes.stream().filter(n -> n.typeId().equals(typeId)).toList();
  }

  /** Starts a plan. */
  public static Builder owner(String ownerId, String title, int share) {
    return new Builder(ownerId, title, share);
  }

  /** Builds a plan fluently; each entity's parent must have been added before it. */
  public static final class Builder {
    private final String ownerId;
    private final String title;
    private final int share;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Budget> budgets = new ArrayList<>();

    private Builder(String ownerId, String title, int share) {
      this.ownerId = ownerId;
      this.title = title;
      this.share = share;
    }

    /** An entity with metadata. */
    public Builder entity(String id, String typeId, String displayName, String parentId, Map<String, String> metadata) {
      if (parentId != null && !nodes.containsKey(parentId)) {
        throw new IllegalArgumentException("parent " + parentId + " of " + id + " must come first");
      }
      if (nodes.putIfAbsent(id, new Node(id, typeId, displayName, parentId, metadata)) != null) {
        throw new IllegalArgumentException("duplicate entity " + id);
      }
      return this;
    }

    /** An entity without metadata. */
    public Builder entity(String id, String typeId, String displayName, String parentId) {
      return entity(id, typeId, displayName, parentId, Map.of());
    }

    /** A node-wide budget. */
    public Builder budget(String entityId, String capabilityId, long limit, String cadence) {
      return add(new Budget(entityId, capabilityId, List.of(), limit, cadence));
    }

    /** A budget that applies only when {@code scopeEntityId} is in the request's resolved set. */
    public Builder scopedBudget(String entityId, String capabilityId, String scopeEntityId, long limit, String cadence) {
      return add(new Budget(entityId, capabilityId, List.of(scopeEntityId), limit, cadence));
    }

    /** A node-wide budget that is tracked but never blocks. */
    public Builder unlimited(String entityId, String capabilityId, String cadence) {
      return add(new Budget(entityId, capabilityId, List.of(), null, cadence));
    }

    /** Gives the budget added last these alert thresholds (fractions of its limit, such as 0.8). */
    public Builder alerts(double... fractions) {
      Budget b = last();
      budgets.set(budgets.size() - 1, new Budget(b.entityId(), b.capabilityId(), b.scope(), b.limit(), b.cadence(),
          b.softLimit(), Arrays.stream(fractions).boxed().toList()));
      return this;
    }

    /** Gives the budget added last a soft limit. */
    public Builder softLimit(long softLimit) {
      Budget b = last();
      budgets.set(budgets.size() - 1, new Budget(b.entityId(), b.capabilityId(), b.scope(), b.limit(), b.cadence(),
          softLimit, b.alertThresholds()));
      return this;
    }

    private Budget last() {
      if (budgets.isEmpty()) {
        throw new IllegalStateException("add a budget first");
      }
      return budgets.get(budgets.size() - 1);
    }

    private Builder add(Budget budget) {
      Objects.requireNonNull(nodes.get(budget.entityId()), () -> "unknown entity " + budget.entityId());
      budget.scope().forEach(s -> Objects.requireNonNull(nodes.get(s), () -> "unknown scope entity " + s));
      budgets.add(budget);
      return this;
    }

    public OwnerPlan build() {
      return new OwnerPlan(ownerId, title, share, List.copyOf(nodes.values()), budgets);
    }
  }
}
