package dev.governor.storage.memory;

import dev.governor.ValidationException;
import dev.governor.spi.CatalogStore;
import dev.governor.spi.GovernanceStore;
import dev.governor.spi.UsageLedger;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default store: keeps the catalog and the usage counters in this JVM's heap. Everything is
 * lost when the process ends, and only engines in this JVM can share it; a fleet of processes needs
 * a shared store.
 *
 * <pre>{@code
 * GovernanceEngine engine = GovernanceEngine.builder().store(MemoryStore.create()).build();
 * }</pre>
 *
 * <p>Any number of engines may share one store. The catalog is a chain of immutable snapshots
 * (persistent trees, so a commit copies only the paths it changes); each owner's commits are
 * serialized, different owners commit in parallel. Counters and idempotency keys are guarded by a
 * power-of-two array of stamped locks shared by all owners: a consume or ingest write-locks the
 * stripes of the counters and keys it touches in ascending order, a check reads optimistically and
 * takes no lock unless a writer keeps interfering. Every method of the store and of the objects it
 * hands out is thread-safe.
 */
public final class MemoryStore implements GovernanceStore {
  /** Default number of lock stripes. */
  public static final int DEFAULT_STRIPES = 1024;
  /** Default bound on idempotency keys kept per owner. */
  public static final long DEFAULT_MAX_KEYS_PER_OWNER = 1_000_000L;
  /**
   * How many closed reservations one owner keeps for retries unless set: at 100 reservations a
   * second, the last 20 minutes' (rounded up to 131,072).
   */
  public static final int DEFAULT_MAX_CLOSED_RESERVATIONS_PER_OWNER = 100_000;

  private final LedgerSettings settings;
  private final ConcurrentHashMap<String, OwnerState> owners = new ConcurrentHashMap<>();
  private final MemoryCatalog catalog;
  private final MemoryLedger ledger;

  private MemoryStore(Builder builder) {
    this.settings = new LedgerSettings(builder.stripes, builder.maxKeysPerOwner, builder.maxClosedReservationsPerOwner);
    this.catalog = new MemoryCatalog(owners, settings);
    this.ledger = new MemoryLedger(owners, catalog, settings.stripes);
  }

  /** A store with the default settings. */
  public static MemoryStore create() {
    return builder().build();
  }

  /** A builder for a store with custom settings. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CatalogStore catalog() {
    return catalog;
  }

  @Override
  public UsageLedger ledger() {
    return ledger;
  }

  /** The number of lock stripes. */
  public int stripes() {
    return settings.stripes.count();
  }

  /** How many idempotency keys one owner holds now (expired ones may count until reclaimed). */
  public long idempotencyKeyCount(String ownerId) {
    OwnerState state = owners.get(ownerId);
    return state == null ? 0L : state.claimedKeyCount();
  }

  /**
   * Builds a {@link MemoryStore}. Every setter validates at once and throws
   * {@link ValidationException} naming the setting. Not thread-safe.
   */
  public static final class Builder {
    private int stripes = DEFAULT_STRIPES;
    private long maxKeysPerOwner = DEFAULT_MAX_KEYS_PER_OWNER;
    private int maxClosedReservationsPerOwner = DEFAULT_MAX_CLOSED_RESERVATIONS_PER_OWNER;

    private Builder() {}

    /**
     * Bounds how many settled or released reservations one owner's records keep for retries (1,024
     * to 2^26; rounded up to a power of two), once for reservations the engine numbered and once for
     * keyed ones. Beyond it the oldest records (numbered: the lowest numbers of an engine; keyed:
     * closed longest ago) are forgotten before their retention ends, and a settle or release retried
     * that late answers not found; nothing is ever recorded twice.
     */
    public Builder maxClosedReservationsPerOwner(int max) {
      if (max < 1024 || max > (1 << 26)) {
        throw new ValidationException("maxClosedReservationsPerOwner", max, "must be between 1024 and 67108864");
      }
      this.maxClosedReservationsPerOwner = max;
      return this;
    }

    /**
     * Sets the number of lock stripes: a power of two between 1 and 2^20. More stripes mean fewer
     * collisions between unrelated counters.
     */
    public Builder stripes(int stripes) {
      if (stripes < 1 || stripes > (1 << 20) || Integer.bitCount(stripes) != 1) {
        throw new ValidationException("stripes", stripes, "must be a power of two between 1 and 1048576");
      }
      this.stripes = stripes;
      return this;
    }

    /**
     * Bounds how many idempotency keys one owner keeps (at least 1). Beyond it the least valuable keys
     * are evicted before their retention ends, and a retry carrying an evicted key counts again.
     */
    public Builder maxIdempotencyKeysPerOwner(long max) {
      if (max < 1) {
        throw new ValidationException("maxIdempotencyKeysPerOwner", max, "must be at least 1");
      }
      this.maxKeysPerOwner = max;
      return this;
    }

    /** The store. */
    public MemoryStore build() {
      return new MemoryStore(this);
    }
  }
}
