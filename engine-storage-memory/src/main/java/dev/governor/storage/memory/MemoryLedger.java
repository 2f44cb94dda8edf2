package dev.governor.storage.memory;

import dev.governor.spi.OwnerLedger;
import dev.governor.spi.UsageLedger;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** The memory store's usage ledger: a {@link MemoryOwnerLedger} handle per owner. Thread-safe. */
final class MemoryLedger implements UsageLedger {
  private final ConcurrentHashMap<String, OwnerState> owners;
  private final MemoryCatalog catalog;
  private final Stripes stripes;

  MemoryLedger(ConcurrentHashMap<String, OwnerState> owners, MemoryCatalog catalog, Stripes stripes) {
    this.owners = owners;
    this.catalog = catalog;
    this.stripes = stripes;
  }

  @Override
  public OwnerLedger owner(String ownerId) {
    Objects.requireNonNull(ownerId, "ownerId");
    return new MemoryOwnerLedger(ownerId, owners, catalog, stripes);
  }
}
