package dev.governor;

import java.time.Clock;

/**
 * The Governor engine: hierarchical usage budgets enforced in-process. Build one per store with
 * {@link #builder()} and share it: every method is thread-safe.
 *
 * <pre>{@code
 * GovernanceEngine engine = GovernanceEngine.builder().store(MemoryStore.create()).build();
 * engine.entityTypes().upsert(List.of(EntityTypeUpsert.of("org").displayName("Organization")));
 * }</pre>
 *
 * <p>The namespaces mirror the hosted product's SDK: {@link #entityTypes()} and
 * {@link #capabilities()} are engine-wide; {@link #entities(String)} and
 * {@link #assignments(String)} belong to one owner (one of your customers) and never see another
 * owner's data.
 */
public interface GovernanceEngine {
  /** A builder for an engine. */
  static GovernanceEngineBuilder builder() {
    return new GovernanceEngineBuilder();
  }

  /** Entity types (engine-wide). */
  EntityTypeCatalog entityTypes();

  /** Capabilities (engine-wide). */
  CapabilityCatalog capabilities();

  /**
   * The entities of one owner.
   *
   * @throws ValidationException if {@code ownerId} is not a valid owner id
   */
  EntityCatalog entities(String ownerId);

  /**
   * The assignments (budgets) of one owner.
   *
   * @throws ValidationException if {@code ownerId} is not a valid owner id
   */
  AssignmentCatalog assignments(String ownerId);

  /** The clock the engine reads time from. */
  Clock clock();

  /** The maximum number of levels in an owner's hierarchy (a root alone is depth 1). */
  int maxDepth();
}
