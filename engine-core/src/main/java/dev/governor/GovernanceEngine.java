package dev.governor;

import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.runtime.BudgetReading;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.ReleaseResult;
import dev.governor.runtime.Reservation;
import dev.governor.runtime.ReserveRequest;
import dev.governor.runtime.ReserveResult;
import dev.governor.runtime.SettleResult;
import dev.governor.runtime.UsageEvent;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The Governor engine: hierarchical usage budgets enforced in-process. Build one with
 * {@link #builder()} and share it: every method is thread-safe. Several engines (in one JVM or in
 * many) may share one store; a change made through any of them is in force for all.
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

  /**
   * Whether the subject may use {@code requestedAmount} of the capability now: every applicable
   * budget must allow it (docs/semantics.md, Resolution and Check). Never changes anything. A
   * denial is a result, not an exception.
   *
   * @throws ValidationException for a malformed request
   * @throws NotFoundException for an unknown entity id or capability
   * @throws StoreUnavailableException when the store cannot answer (fail-closed)
   */
  CheckResult check(String ownerId, CheckRequest request);

  /**
   * Atomically checks and records usage: if every applicable budget allows the amount, it is added to
   * all of them; otherwise nothing changes. Under any number of concurrent callers no budget's usage
   * passes its limit through consume.
   *
   * @throws ValidationException for a malformed request, or an add that would overflow a counter
   * @throws NotFoundException for an unknown entity id or capability
   * @throws StoreUnavailableException when the store cannot answer (fail-closed, nothing changed)
   */
  ConsumeResult consume(String ownerId, ConsumeRequest request);

  /**
   * Records 1..1000 usage events that already happened: each is added to every applicable budget
   * whose current period contains it, even past the limit (ingest never gates). The batch is
   * validated whole first and applied atomically.
   *
   * @throws ValidationException for a malformed event (naming its index), or an add that would
   *     overflow a counter
   * @throws NotFoundException for an unknown entity id or capability
   * @throws StoreUnavailableException when the store cannot answer (fail-closed, nothing recorded,
   *     no idempotency key claimed)
   */
  IngestResult ingest(String ownerId, List<UsageEvent> events);

  /**
   * The allocation-free gate: {@code check} for one entity id, answering only yes or no. Once warm it
   * allocates nothing.
   *
   * @param amount at least 0
   * @throws ValidationException for a negative amount or a malformed id
   * @throws NotFoundException for an unknown entity id or capability
   * @throws StoreUnavailableException when the store cannot answer (fail-closed)
   */
  boolean isAllowed(String ownerId, String entityId, String capabilityId, long amount);

  /**
   * The allocation-free atomic gate: {@code consume} for one entity id without idempotency key,
   * answering only granted or not. Once warm it allocates nothing.
   *
   * @param amount at least 1
   * @throws ValidationException for an amount below 1, a malformed id, or an add that would
   *     overflow a counter
   * @throws NotFoundException for an unknown entity id or capability
   * @throws StoreUnavailableException when the store cannot answer (fail-closed, nothing changed)
   */
  boolean tryConsume(String ownerId, String entityId, String capabilityId, long amount);

  /**
   * Holds {@code request.estimate()} on every budget that applies, at once, for
   * {@code request.ttl()} (docs/semantics.md §5.3): granted only when every limited budget has
   * {@code usage + reserved + estimate <= limit}; a denial is a value naming the first budget without
   * room. Until settled, released or expired, the hold counts against the limits for every check,
   * consume and reserve, through every engine on the store. With an idempotency key a retry returns
   * the first call's reservation ({@code DUPLICATE}).
   *
   * @throws ValidationException for a malformed request (naming the field)
   * @throws NotFoundException for an unknown entity id or capability
   * @throws ConflictException when the idempotency key was used for a different request
   * @throws StoreUnavailableException when the store cannot answer (fail-closed, nothing held)
   */
  ReserveResult reserve(String ownerId, ReserveRequest request);

  /**
   * Drops a reservation's hold and records {@code actual} on the budgets it held (those still in the
   * catalog), in the period current now, whatever their limits: usage that happened is never
   * refused. The result says by how much {@code actual} exceeded the estimate and whether the hold
   * had expired (a late settle still records). Settling again with the same amount changes nothing
   * ({@code ALREADY_SETTLED}).
   *
   * @param actual at least 0
   * @throws ValidationException for a malformed id or a negative amount
   * @throws NotFoundException when no such reservation is kept (never made, or past its retention)
   * @throws ConflictException when it was released, or settled with another amount
   * @throws StoreUnavailableException when the store cannot answer (fail-closed, nothing recorded)
   */
  SettleResult settle(String ownerId, String reservationId, long actual);

  /**
   * Drops a reservation's hold, recording nothing. Idempotent: releasing a released or settled
   * reservation changes nothing and says so, so a release can sit in a {@code finally} block.
   *
   * @throws ValidationException for a malformed id
   * @throws NotFoundException when no such reservation is kept
   * @throws StoreUnavailableException when the store cannot answer
   */
  ReleaseResult release(String ownerId, String reservationId);

  /** A reservation as the store keeps it, or empty when none with the id is kept. */
  Optional<Reservation> reservation(String ownerId, String reservationId);

  /**
   * One page of the owner's governance tree (docs/semantics.md, Query): budget rows with live usage
   * and utilization (who is about to be blocked), or in tree mode one row per entity. Reflects
   * every consume and ingest that returned before it.
   *
   * @throws ValidationException for a malformed query or a foreign, stale or garbage cursor
   * @throws NotFoundException for an unknown capability or entity type
   * @throws StoreUnavailableException when the store cannot answer
   */
  Page<TreeRow> query(String ownerId, TreeQuery query);

  /**
   * The owners that hold a catalog (every owner whose entities or assignments were ever written), in
   * code point order of their ids, one page at a time ({@code limit} 1..100, {@code after} the
   * previous page's cursor).
   *
   * @throws ValidationException when the page size or cursor is invalid
   * @throws StoreUnavailableException when the store cannot answer
   */
  Page<String> owners(PageRequest page);

  /**
   * One budget's usage in its current period, without a check: what a dashboard or a billing job
   * reads. Empty when the owner holds no assignment with this id.
   *
   * @throws ValidationException for a malformed owner id or a null assignment id
   * @throws StoreUnavailableException when the store cannot answer
   */
  Optional<BudgetReading> usage(String ownerId, UUID assignmentId);

  /** The clock the engine reads time from. */
  Clock clock();

  /** What became of the events announced to the builder's listener so far. */
  ListenerStats listenerStats();

  /** The maximum number of levels in an owner's hierarchy (a root alone is depth 1). */
  int maxDepth();
}
