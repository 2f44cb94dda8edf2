package dev.governor.testing.model;

import dev.governor.GovernanceException;
import dev.governor.NotFoundException;
import dev.governor.ValidationException;
import java.util.List;

/**
 * Thrown by the reference models when docs/semantics.md says the engine must reject a request: the batch position
 * that must be reported ({@code -1}: the request as a whole) and the rules broken there. An item may
 * break several rules at once and the spec does not order the checks inside one item, so the engine
 * may report any one of {@link #acceptable()}; the index is never ambiguous because items are applied
 * in order. Cheap (no stack trace). Immutable and thread-safe.
 */
public final class Rejection extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int index;
  private final transient List<Violation> acceptable;

  public Rejection(int index, List<Violation> acceptable, String why) {
    super((index < 0 ? "" : "item " + index + ": ") + why + " " + acceptable, null, false, false);
    if (acceptable.isEmpty()) {
      throw new IllegalArgumentException("a rejection needs at least one violation");
    }
    this.index = index;
    this.acceptable = List.copyOf(acceptable);
  }

  public Rejection(int index, List<Violation> acceptable) {
    this(index, acceptable, "breaks");
  }

  /** Rejects the whole request for breaking {@code rule} unless {@code ok}. */
  public static void unless(boolean ok, Violation rule, String why) {
    unless(ok, -1, rule, why);
  }

  /** Rejects batch position {@code index} for breaking {@code rule} unless {@code ok}. */
  public static void unless(boolean ok, int index, Violation rule, String why) {
    if (!ok) {
      throw new Rejection(index, List.of(rule), why);
    }
  }

  /** A validation error whose field the model leaves open. */
  public static Rejection invalid(int index, String why) {
    return new Rejection(index, List.of(new Violation(ValidationException.class, null, null, null, null)), why);
  }

  /** A not-found error of this kind whose field the model leaves open. */
  public static Rejection notFound(int index, String kind, String why) {
    return new Rejection(index, List.of(new Violation(NotFoundException.class, null, null, kind, null)), why);
  }

  public int index() {
    return index;
  }

  public List<Violation> acceptable() {
    return acceptable;
  }

  /** Whether {@code e} is one of the errors this rejection allows, at the right index. */
  public boolean matches(GovernanceException e) {
    return e.index() == index && acceptable.stream().anyMatch(v -> v.matches(e));
  }
}
