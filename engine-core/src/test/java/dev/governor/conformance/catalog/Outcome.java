package dev.governor.conformance.catalog;

import java.util.List;

/** What the model predicts for one operation: the exact result, or a rejection of one item. */
sealed interface Outcome {
  /** The operation succeeds and returns exactly {@code outputs} (new assignment ids are placeholders). */
  record Applied(List<?> outputs) implements Outcome {}

  /**
   * The operation is rejected at batch position {@code index} (-1: the request as a whole). The
   * item may break several rules at once and the spec does not order the checks inside one item,
   * so the engine may report any one of {@code acceptable}; the index is never ambiguous because
   * items are applied in order.
   */
  record Rejected(int index, List<Violation> acceptable) implements Outcome {
    public Rejected {
      if (acceptable.isEmpty()) {
        throw new IllegalArgumentException("a rejection needs at least one violation");
      }
      acceptable = List.copyOf(acceptable);
    }
  }
}
