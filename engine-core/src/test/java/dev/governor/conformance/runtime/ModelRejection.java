package dev.governor.conformance.runtime;

import dev.governor.GovernanceException;

/**
 * The reference model's way of saying "the engine must throw this": the exception type and the
 * batch index it must name ({@code -1} outside batches). The model changes nothing when it throws.
 */
final class ModelRejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final Class<? extends GovernanceException> type;
  final int index;

  ModelRejection(Class<? extends GovernanceException> type, int index, String why) {
    super(type.getSimpleName() + " at index " + index + ": " + why, null, false, false);
    this.type = type;
    this.index = index;
  }
}
