package dev.governor.spi;

/**
 * The answer to an optimistic commit. Immutable.
 *
 * @param committed true when the change set was applied
 * @param version the new version after a commit, or the store's current version after a conflict
 */
public record CommitResult(boolean committed, long version) {
  /** A commit that was applied and produced {@code version}. */
  public static CommitResult committed(long version) {
    return new CommitResult(true, version);
  }

  /** A commit refused because the catalog is at {@code currentVersion}, not the expected one. */
  public static CommitResult conflict(long currentVersion) {
    return new CommitResult(false, currentVersion);
  }
}
