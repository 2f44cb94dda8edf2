package dev.governor.spi;

/**
 * A ledger answer packed into one {@code long}: the {@link LedgerStatus} and, for
 * {@link LedgerStatus#STALE}, the owner's current catalog version. A primitive so that the
 * allocation-free gates stay allocation-free through any store; a remote store returns the same
 * number from its script. Versions must lie in {@code [0, 2^58)}. Stateless and thread-safe.
 */
public final class LedgerReply {
  private static final int STATUS_BITS = 4;
  private static final long STATUS_MASK = (1L << STATUS_BITS) - 1;
  private static final LedgerStatus[] STATUSES = LedgerStatus.values();
  /** The largest version a reply can carry. */
  public static final long MAX_VERSION = (1L << 58) - 1;

  /** {@link LedgerStatus#OK} as a reply. */
  public static final long OK = LedgerStatus.OK.ordinal();
  /** {@link LedgerStatus#GRANTED} as a reply. */
  public static final long GRANTED = LedgerStatus.GRANTED.ordinal();
  /** {@link LedgerStatus#DENIED} as a reply. */
  public static final long DENIED = LedgerStatus.DENIED.ordinal();
  /** {@link LedgerStatus#DUPLICATE} as a reply. */
  public static final long DUPLICATE = LedgerStatus.DUPLICATE.ordinal();
  /** {@link LedgerStatus#KEY_CONFLICT} as a reply. */
  public static final long KEY_CONFLICT = LedgerStatus.KEY_CONFLICT.ordinal();
  /** {@link LedgerStatus#OVERFLOW} as a reply. */
  public static final long OVERFLOW = LedgerStatus.OVERFLOW.ordinal();
  /** {@link LedgerStatus#UNKNOWN} as a reply. */
  public static final long UNKNOWN = LedgerStatus.UNKNOWN.ordinal();

  private LedgerReply() {}

  /** A reply of any status but STALE. */
  public static long of(LedgerStatus status) {
    if (status == LedgerStatus.STALE) {
      throw new IllegalArgumentException("a STALE reply carries the current version: use stale(version)");
    }
    return status.ordinal();
  }

  /** A STALE reply carrying the owner's current catalog version. */
  public static long stale(long currentVersion) {
    if (currentVersion < 0 || currentVersion > MAX_VERSION) {
      throw new IllegalArgumentException("version must lie in [0, 2^58), was " + currentVersion);
    }
    return (currentVersion << STATUS_BITS) | LedgerStatus.STALE.ordinal();
  }

  /** The status of a reply. */
  public static LedgerStatus status(long reply) {
    return STATUSES[(int) (reply & STATUS_MASK)];
  }

  /** True for a STALE reply. */
  public static boolean isStale(long reply) {
    return (reply & STATUS_MASK) == LedgerStatus.STALE.ordinal();
  }

  /** The current catalog version a STALE reply carries. */
  public static long currentVersion(long reply) {
    if (!isStale(reply)) {
      throw new IllegalArgumentException("only a STALE reply carries a version, this is " + status(reply));
    }
    return reply >>> STATUS_BITS;
  }

  /** A readable form, for messages and test failures. */
  public static String toString(long reply) {
    return isStale(reply) ? "STALE(version " + currentVersion(reply) + ")" : status(reply).name();
  }
}
