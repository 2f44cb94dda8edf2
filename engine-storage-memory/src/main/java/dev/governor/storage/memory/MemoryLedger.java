package dev.governor.storage.memory;

import dev.governor.spi.OwnerLedger;
import dev.governor.spi.UsageLedger;
import java.util.concurrent.ConcurrentHashMap;

/** The memory store's usage ledger: one {@link MemoryOwnerLedger} per owner. Thread-safe. */
final class MemoryLedger implements UsageLedger {
  private final ConcurrentHashMap<String, OwnerState> owners;
  private final LedgerSettings settings;

  MemoryLedger(ConcurrentHashMap<String, OwnerState> owners, LedgerSettings settings) {
    this.owners = owners;
    this.settings = settings;
  }

  @Override
  public OwnerLedger owner(String ownerId) {
    OwnerState state = owners.get(ownerId);
    if (state == null) {
      state = owners.computeIfAbsent(ownerId, id -> new OwnerState(id, settings));
    }
    return state.ledger;
  }
}
