package dev.governor.storage.memory;

import java.time.Clock;
import java.time.Duration;

/** The memory ledger's configuration; the clock and retention arrive when the engine opens the store. */
final class LedgerSettings {
  final Stripes stripes;
  final long maxKeysPerOwner;
  volatile Clock clock;
  volatile Duration retention;

  LedgerSettings(int stripes, long maxKeysPerOwner) {
    this.stripes = new Stripes(stripes);
    this.maxKeysPerOwner = maxKeysPerOwner;
  }
}
