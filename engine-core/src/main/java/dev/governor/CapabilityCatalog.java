package dev.governor;

import dev.governor.catalog.Capability;
import dev.governor.catalog.CapabilityUpsert;
import java.util.List;
import java.util.Optional;

/**
 * Engine-wide capabilities (metered resources). Every method is thread-safe; each upsert is atomic.
 */
public interface CapabilityCatalog {
  /**
   * Creates or updates 1..100 capabilities, all or nothing, idempotently.
   *
   * @return the stored capabilities, in the order of the batch
   * @throws ValidationException for a malformed item
   */
  List<Capability> upsert(List<CapabilityUpsert> capabilities);

  /** The capability with this id, if any. */
  Optional<Capability> get(String id);

  /** One page of capabilities, ordered by id. */
  Page<Capability> list(PageRequest page);
}
