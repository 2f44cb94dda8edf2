package dev.governor.conformance.fuzz;

/**
 * Thrown by the reference model when SPEC says a request must be rejected; carries why, so a
 * disagreement with the engine is reported in words. Cheap: no stack trace.
 */
final class Reject extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Reject(String why) {
    super(why, null, false, false);
  }

  static void unless(boolean ok, String why) {
    if (!ok) {
      throw new Reject(why);
    }
  }
}
