package dev.governor.spi;

/**
 * A store's handle to the usage counter of one assignment, issued by {@link OwnerSnapshot#counter} and
 * cached by the engine in its compiled view of the catalog. Opaque to the engine: a memory store
 * hands out the counter itself, a remote store a key. Implementations are immutable or otherwise
 * safe to share between threads.
 */
public interface LedgerCounter {}
