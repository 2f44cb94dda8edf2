package dev.governor.query;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A governance-tree query (docs/semantics.md, Query), built fluently:
 * {@code TreeQuery.budgets("ai-tokens").minUtilization(0.8).limit(20)}.
 *
 * <p>With at least one capability id the query returns <em>budget rows</em>, one per
 * (entity, capability, scope) assignment, with live usage and utilization, sorted by utilization
 * descending unless told otherwise. Without capability ids it runs in <em>tree mode</em>: one row per
 * entity with its parent and type and no usage columns, sorted by id ascending unless told otherwise.
 * Immutable; every method returns a new instance. Validated by {@code GovernanceEngine.query}.
 *
 * @param capabilityIds only budgets of these capabilities; empty for tree mode
 * @param entityTypeIds only entities of these types; empty for all
 * @param scope node-wide, scoped or both
 * @param minUtilization only budget rows with utilization at least this (unlimited budgets have
 *     none and are left out); null for no bound
 * @param search case-insensitive substring of the entity id or display name; null for none
 * @param includeArchived whether archived entities (and their budgets) are returned
 * @param sort the sort field; null for the mode's default
 * @param direction the direction; null for the field's default (descending for the budget fields,
 *     ascending for {@code ID} and {@code CREATED_AT})
 * @param limit the page size, 1..100
 * @param after the page starts right after this cursor (a page's next cursor), or null
 * @param before the page ends right before this cursor (a page's previous cursor), or null; not
 *     with {@code after}
 */
public record TreeQuery(
    Set<String> capabilityIds,
    Set<String> entityTypeIds,
    ScopeFilter scope,
    Double minUtilization,
    String search,
    boolean includeArchived,
    SortField sort,
    SortDirection direction,
    int limit,
    String after,
    String before) {
  /** The default page size. */
  public static final int DEFAULT_LIMIT = 20;

  public TreeQuery {
    capabilityIds = copy(capabilityIds);
    entityTypeIds = copy(entityTypeIds);
  }

  private static Set<String> ids(String... ids) {
    // A null array is kept as a null element so that validation can name it instead of guessing.
    return new LinkedHashSet<>(ids == null ? Collections.singletonList(null) : Arrays.asList(ids));
  }

  private static Set<String> copy(Collection<String> ids) {
    return ids == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(ids));
  }

  /** Budget rows of these capabilities (at least one id; without any, use {@link #tree()}). */
  public static TreeQuery budgets(String... capabilityIds) {
    return tree().capabilities(capabilityIds);
  }

  /** Tree mode: one row per entity. */
  public static TreeQuery tree() {
    return new TreeQuery(Set.of(), Set.of(), ScopeFilter.ALL, null, null, false, null, null, DEFAULT_LIMIT, null, null);
  }

  /** True when the query returns one row per entity rather than per budget. */
  public boolean treeMode() {
    return capabilityIds.isEmpty();
  }

  /** Only budgets of these capabilities; no ids switches to tree mode. */
  public TreeQuery capabilities(String... ids) {
    return new TreeQuery(ids(ids), entityTypeIds, scope, minUtilization, search,
        includeArchived, sort, direction, limit, after, before);
  }

  /** Only entities of these types; no ids means every type. */
  public TreeQuery entityTypes(String... ids) {
    return new TreeQuery(capabilityIds, ids(ids), scope, minUtilization, search,
        includeArchived, sort, direction, limit, after, before);
  }

  public TreeQuery scope(ScopeFilter scope) {
    return new TreeQuery(capabilityIds, entityTypeIds, scope, minUtilization, search, includeArchived, sort,
        direction, limit, after, before);
  }

  public TreeQuery minUtilization(double min) {
    return new TreeQuery(capabilityIds, entityTypeIds, scope, min, search, includeArchived, sort, direction, limit,
        after, before);
  }

  public TreeQuery search(String text) {
    return new TreeQuery(capabilityIds, entityTypeIds, scope, minUtilization, text, includeArchived, sort, direction,
        limit, after, before);
  }

  public TreeQuery includeArchived(boolean include) {
    return new TreeQuery(capabilityIds, entityTypeIds, scope, minUtilization, search, include, sort, direction, limit,
        after, before);
  }

  /** Sorts by {@code field} in its default direction. */
  public TreeQuery sortBy(SortField field) {
    return new TreeQuery(capabilityIds, entityTypeIds, scope, minUtilization, search, includeArchived, field, null,
        limit, after, before);
  }

  public TreeQuery ascending() {
    return new TreeQuery(capabilityIds, entityTypeIds, scope, minUtilization, search, includeArchived, sort,
        SortDirection.ASC, limit, after, before);
  }

  public TreeQuery descending() {
    return new TreeQuery(capabilityIds, entityTypeIds, scope, minUtilization, search, includeArchived, sort,
        SortDirection.DESC, limit, after, before);
  }

  public TreeQuery limit(int limit) {
    return new TreeQuery(capabilityIds, entityTypeIds, scope, minUtilization, search, includeArchived, sort,
        direction, limit, after, before);
  }

  /** The next page after the cursor a previous page returned. */
  public TreeQuery after(String cursor) {
    return new TreeQuery(capabilityIds, entityTypeIds, scope, minUtilization, search, includeArchived, sort,
        direction, limit, cursor, null);
  }

  /** The previous page: the rows right before the cursor a page returned as its previous one. */
  public TreeQuery before(String cursor) {
    return new TreeQuery(capabilityIds, entityTypeIds, scope, minUtilization, search, includeArchived, sort,
        direction, limit, null, cursor);
  }
}
