package dev.governor.spi;

import dev.governor.runtime.ReservationState;

/**
 * The rules of reservations every store applies inside its atomic step, next to
 * {@link LedgerRules}: a store reads the inputs, calls these, and writes the outputs. Stateless and
 * thread-safe.
 *
 * <ul>
 *   <li>A budget's <b>held</b> amount at time {@code now} is the sum of the estimates of the open
 *       reservations holding it whose expiry is after {@code now} ({@link #counts}): a hold past its
 *       expiry stops counting by itself, nothing has to run.</li>
 *   <li>Held amounts count against limits everywhere: a check, consume or reserve of {@code amount}
 *       has room in a limited budget when {@code usage + held + amount <= limit}
 *       ({@link #hasRoom}).</li>
 *   <li>Holds are not tied to a period: a period that ends does not end a hold; a settle records in
 *       the period current at the settle.</li>
 * </ul>
 */
public final class ReservationRules {
  private ReservationRules() {}

  /** True when a hold expiring at {@code expiresAtMillis} counts at {@code nowMillis}. */
  public static boolean counts(long expiresAtMillis, long nowMillis) {
    return nowMillis < expiresAtMillis;
  }

  /** Room for {@code amount} on top of {@code usage} and {@code held} (saturating, never overflowing). */
  public static boolean hasRoom(long limit, long usage, long held, long amount) {
    return LedgerRules.hasRoom(limit, committed(usage, held), amount);
  }

  /** {@code usage + held}, saturating at {@link Long#MAX_VALUE}. */
  public static long committed(long usage, long held) {
    long sum = usage + held;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  /**
   * A settle's outcome on a reservation in {@code state}: {@link LedgerReply#OK} for an open one
   * (drop the hold, record {@code actual}), {@link LedgerReply#DUPLICATE} for one already settled
   * with the same actual amount, {@link LedgerReply#KEY_CONFLICT} for one settled with another or
   * released (nothing changes for either).
   */
  public static long settleOutcome(ReservationState state, long storedActual, long actual) {
    switch (state) {
      case OPEN:
        return LedgerReply.OK;
      case SETTLED:
        return storedActual == actual ? LedgerReply.DUPLICATE : LedgerReply.KEY_CONFLICT;
      default:
        return LedgerReply.KEY_CONFLICT;
    }
  }

  /**
   * A release's outcome on a reservation in {@code state}: {@link LedgerReply#OK} for an open one
   * (drop the hold), {@link LedgerReply#DUPLICATE} for one already released,
   * {@link LedgerReply#KEY_CONFLICT} for one settled (its actual amount stays).
   */
  public static long releaseOutcome(ReservationState state) {
    switch (state) {
      case OPEN:
        return LedgerReply.OK;
      case RELEASED:
        return LedgerReply.DUPLICATE;
      default:
        return LedgerReply.KEY_CONFLICT;
    }
  }

  /** When a store may forget a record: {@code retention} after it expired or closed, whichever is later. */
  public static long forgetAt(long expiresAtMillis, long closedAtMillis, long retentionMillis) {
    long from = Math.max(expiresAtMillis, closedAtMillis);
    long at = from + retentionMillis;
    return at < from ? Long.MAX_VALUE : at;
  }
}
