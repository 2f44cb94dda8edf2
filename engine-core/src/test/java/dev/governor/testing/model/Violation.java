package dev.governor.testing.model;

import dev.governor.ConflictException;
import dev.governor.GovernanceException;
import dev.governor.NotFoundException;
import dev.governor.ValidationException;
import java.util.Objects;

/**
 * One rule a request breaks, as the typed exception the engine must raise for it: class, field,
 * conflict reason or not-found kind, and (for bad ids) the value the message must quote. A null
 * {@code field} leaves the field open: the runtime rules pin the class, the batch index and the
 * not-found kind, but not which part of a request the engine names. Immutable and thread-safe.
 */
public record Violation(
    Class<? extends GovernanceException> type,
    String field,
    ConflictException.Reason reason,
    String notFoundKind,
    String quotedValue) {

  public static Violation invalid(String field) {
    return new Violation(ValidationException.class, field, null, null, null);
  }

  /** A bad id: docs/semantics.md §2 says the message quotes it. */
  public static Violation invalidId(String field, String badId) {
    return new Violation(ValidationException.class, field, null, null, quotable(badId) ? badId : null);
  }

  public static Violation notFound(String field, String kind) {
    return new Violation(NotFoundException.class, field, null, kind, null);
  }

  public static Violation conflict(String field, ConflictException.Reason reason) {
    return new Violation(ConflictException.class, field, reason, null, null);
  }

  /** Only short printable ASCII values are quoted verbatim; longer or odd ones are escaped or cut. */
  private static boolean quotable(String id) {
    if (id == null || id.isEmpty() || id.length() > 80) {
      return false;
    }
    return id.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\');
  }

  public boolean matches(GovernanceException e) {
    if (e.getClass() != type || (field != null && !field.equals(e.field()))) {
      return false;
    }
    if (reason != null && ((ConflictException) e).reason() != reason) {
      return false;
    }
    if (notFoundKind != null && !notFoundKind.equals(((NotFoundException) e).kind())) {
      return false;
    }
    return quotedValue == null || String.valueOf(e.getMessage()).contains("\"" + quotedValue + "\"");
  }

  @Override
  public String toString() {
    String s = type.getSimpleName() + "(field=" + Objects.requireNonNullElse(field, "any");
    if (reason != null) {
      s += ", reason=" + reason;
    }
    if (notFoundKind != null) {
      s += ", kind=" + notFoundKind;
    }
    if (quotedValue != null) {
      s += ", quoting \"" + quotedValue + "\"";
    }
    return s + ")";
  }
}
