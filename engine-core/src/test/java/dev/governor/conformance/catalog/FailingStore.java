package dev.governor.conformance.catalog;

import dev.governor.spi.GovernanceStore;
import dev.governor.testing.ForwardingStore;

/**
 * Wraps a store so a test can make its catalog fail the way a remote store does: every catalog call
 * while {@link #down} is set, or every commit while {@link #commitsFail} is set (reads still work,
 * so the engine validates the whole batch before the commit fails). Failures are
 * {@link IllegalStateException}s, remembered in {@link #lastFailure}. Thread-safe.
 */
final class FailingStore extends ForwardingStore {
  /** When set, every catalog call throws before reaching the store. */
  volatile boolean down;
  /** When set, every catalog commit throws before reaching the store. */
  volatile boolean commitsFail;
  volatile RuntimeException lastFailure;

  FailingStore(GovernanceStore delegate) {
    super(delegate);
  }

  void recover() {
    down = false;
    commitsFail = false;
  }

  @Override
  protected void beforeCatalogCall(String operation, String ownerId) {
    if (down || (commitsFail && operation.startsWith("commit"))) {
      RuntimeException e = new IllegalStateException("simulated store failure during " + operation);
      lastFailure = e;
      throw e;
    }
  }
}
