package dev.governor.storage.memory;

/** The memory store's configuration, fixed when it is built. Immutable. */
final class LedgerSettings {
  final Stripes stripes;
  final long maxKeysPerOwner;
  final int maxClosedReservationsPerOwner;

  LedgerSettings(int stripes, long maxKeysPerOwner, int maxClosedReservationsPerOwner) {
    this.stripes = new Stripes(stripes);
    this.maxKeysPerOwner = maxKeysPerOwner;
    this.maxClosedReservationsPerOwner = maxClosedReservationsPerOwner;
  }
}
