package dev.governor.storage.memory;

/** The memory store's configuration, fixed when it is built. Immutable. */
final class LedgerSettings {
  final Stripes stripes;
  final long maxKeysPerOwner;

  LedgerSettings(int stripes, long maxKeysPerOwner) {
    this.stripes = new Stripes(stripes);
    this.maxKeysPerOwner = maxKeysPerOwner;
  }
}
