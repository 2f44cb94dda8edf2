/**
 * The default Governor store: an in-process catalog and a lock-striped usage ledger. Only
 * {@link dev.governor.storage.memory.MemoryStore} is public.
 */
module dev.governor.storage.memory {
  requires transitive dev.governor.core;
  requires com.github.benmanes.caffeine;

  exports dev.governor.storage.memory;
}
