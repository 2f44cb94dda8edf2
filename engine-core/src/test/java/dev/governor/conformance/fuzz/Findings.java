package dev.governor.conformance.fuzz;

import dev.governor.ConflictException;
import dev.governor.GovernanceException;
import dev.governor.NotFoundException;
import dev.governor.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a fuzz run found, grouped by kind so that one bug hit ten thousand times is reported once,
 * with the first input that hit it and a count. Not thread-safe.
 */
final class Findings {
  /** The kinds of problems, in the order they are reported. */
  enum Kind {
    /** An exception escaped that is not one of the documented typed errors. */
    UNDOCUMENTED_EXCEPTION,
    /** A typed error without a field, or whose message does not name its field. */
    MALFORMED_TYPED_ERROR,
    /** The engine accepted a request the semantics (docs/semantics.md) rejects. */
    ACCEPTED_INVALID,
    /** The engine rejected a request the semantics (docs/semantics.md) accepts. */
    REJECTED_VALID,
    /** The engine answered differently from the reference model. */
    WRONG_ANSWER,
    /** The engine's state (read back) disagrees with the reference model. */
    STATE_DIVERGED,
    /** The victim owner's data changed or showed up in the fuzzed owner's responses. */
    ISOLATION_BROKEN
  }

  private record Group(String first, Throwable firstError, long calls) {}

  private final Map<String, Group> groups = new LinkedHashMap<>();
  private final long seed;

  Findings(long seed) {
    this.seed = seed;
  }

  boolean isEmpty() {
    return groups.isEmpty();
  }

  /**
   * Records a problem; {@code signature} groups repeats, {@code detail} describes this occurrence (only
   * computed for the first of a group: requests can be large).
   */
  void add(Kind kind, String signature, java.util.function.Supplier<String> detail, Throwable error) {
    String key = kind + " " + signature;
    Group g = groups.get(key);
    groups.put(key, g == null ? new Group(detail.get(), error, 1) : new Group(g.first(), g.firstError(), g.calls() + 1));
  }

  /**
   * Checks that a failure is a documented typed error with a field its message names; records it
   * otherwise. Returns true for a documented typed error.
   */
  boolean typed(String op, java.util.function.Supplier<String> request, Throwable t) {
    if (t instanceof ValidationException || t instanceof NotFoundException || t instanceof ConflictException) {
      GovernanceException g = (GovernanceException) t;
      if (g.field() == null || g.getMessage() == null || !g.getMessage().contains(g.field())) {
        add(Kind.MALFORMED_TYPED_ERROR, op + " " + t.getClass().getSimpleName() + " field=" + g.field(),
            () -> request.get() + "\n    message: " + t.getMessage(), t);
      }
      return true;
    }
    // Grouped by class, not stack: the JIT may drop the stack of an exception thrown often.
    add(Kind.UNDOCUMENTED_EXCEPTION, op + " " + t.getClass().getName(), request, t);
    return false;
  }

  /** The first stack frame inside the engine (or the first frame at all). */
  static String top(Throwable t) {
    StackTraceElement[] trace = t.getStackTrace();
    for (StackTraceElement f : trace) {
      if (f.getClassName().startsWith("dev.governor.") && !f.getClassName().contains(".conformance.")) {
        return f.toString();
      }
    }
    return trace.length == 0 ? "?" : trace[0].toString();
  }

  /** A report of every group: kind, count, first input, first stack top; with the replay command. */
  String report() {
    StringBuilder sb = new StringBuilder("fuzz found " + groups.size() + " distinct problem(s); replay with -D"
        + dev.governor.testing.Seeds.PROPERTY + "=" + seed + "\n");
    groups.forEach((signature, g) -> {
      sb.append("\n* ").append(signature).append("  (x").append(g.calls()).append(")\n    first: ")
          .append(shorten(g.first())).append('\n');
      if (g.firstError() != null) {
        sb.append("    error: ").append(g.firstError()).append("\n    top: ").append(top(g.firstError())).append('\n');
        StackTraceElement[] trace = g.firstError().getStackTrace();
        for (int i = 0; i < Math.min(6, trace.length); i++) {
          sb.append("      at ").append(trace[i]).append('\n');
        }
      }
    });
    return sb.toString();
  }

  static String shorten(String s) {
    return s.length() <= 2_000 ? s : s.substring(0, 2_000) + "... (" + s.length() + " chars)";
  }
}
