package dev.governor.storage.redis;

import dev.governor.runtime.ReservationState;
import dev.governor.spi.BudgetSet;
import dev.governor.spi.LedgerReply;
import dev.governor.spi.ThresholdClaims;
import dev.governor.spi.LedgerStatus;
import dev.governor.spi.ReservationHold;
import dev.governor.spi.StoredReservation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reserve, settle, release and the record's read for one owner's Redis ledger: one call of the
 * store's function each (governor-reservations.lua), touching the owner's counters hash and the
 * reservation's own record key, both under the owner's hash tag. Thread-safe.
 */
final class RedisReservations {
  private static final int STALE = LedgerStatus.STALE.ordinal();

  private final RedisOwnerLedger ledger;
  private final Keys.OwnerKeys keys;
  private final Script script;
  private final String[] ledgerKeys;

  RedisReservations(RedisOwnerLedger ledger, Keys.OwnerKeys keys, Script script, String[] ledgerKeys) {
    this.ledger = ledger;
    this.keys = keys;
    this.script = script;
    this.ledgerKeys = ledgerKeys;
  }

  private String[] callKeys(String id) {
    return new String[] {ledgerKeys[0], ledgerKeys[1], ledgerKeys[2], keys.reservation(id)};
  }

  long reserve(BudgetSet budgets, long now, ReservationHold hold, long[] usageOut, long[] heldOut) {
    int n = budgets.size();
    Args args = ledger.versions(new Args("reserve", 14 + 4 * n), budgets).exact("now", now).pair(hold.estimate())
        .exact("expiry", hold.expiresAtMillis()).add(Long.toString(hold.fingerprint())).add(hold.capabilityId())
        .exact("retention", hold.retentionMillis()).add(hold.id());
    for (int i = 0; i < n; i++) {
      // The counter field is the assignment id: the record's held fields are its assignment ids.
      String field = ((RedisCounter) budgets.counter(i)).field;
      if (!field.equals(budgets.assignmentId(i).toString())) {
        throw new IllegalStateException("counter " + field + " does not name assignment " + budgets.assignmentId(i));
      }
    }
    Budgets.append(args, budgets, now);
    List<Object> r = script.call(callKeys(hold.id()), args.toArray());
    long status = (Long) r.get(0);
    if (status == STALE) {
      return LedgerReply.stale((Long) r.get(1));
    }
    for (int i = 0; i < n; i++) {
      if (usageOut != null) {
        usageOut[i] = Args.join(r.get(1 + 4 * i), r.get(2 + 4 * i));
      }
      if (heldOut != null) {
        heldOut[i] = Args.join(r.get(3 + 4 * i), r.get(4 + 4 * i));
      }
    }
    return status;
  }

  StoredReservation reservation(String id, long now) {
    List<Object> r = script.call(callKeys(id), new Args("reservation", 2).exact("now", now).toArray());
    if (r.isEmpty()) {
      return null;
    }
    Map<String, String> f = new HashMap<>();
    for (int k = 0; k + 1 < r.size(); k += 2) {
      f.put(text(r.get(k)), text(r.get(k + 1)));
    }
    List<UUID> held = new ArrayList<>();
    for (String field : f.get("b").split(",")) {
      if (!field.isEmpty()) {
        held.add(UUID.fromString(field));
      }
    }
    ReservationState state = switch (f.get("s")) {
      case "o" -> ReservationState.OPEN;
      case "s" -> ReservationState.SETTLED;
      default -> ReservationState.RELEASED;
    };
    return new StoredReservation(id, f.get("cap"), join(f.get("e_h"), f.get("e_l")), Long.parseLong(f.get("c")),
        Long.parseLong(f.get("x")), Long.parseLong(f.get("f")), held, state, join(f.get("a_h"), f.get("a_l")),
        Long.parseLong(f.get("t")));
  }

  long settle(BudgetSet budgets, long now, String id, long actual, long[] usageOut, ThresholdClaims claimsOut) {
    int n = budgets.size();
    Args args = ledger.versions(new Args("settle", 10 + 3 * n), budgets).exact("now", now).pair(actual).add(id).add(n);
    for (int i = 0; i < n; i++) {
      args.add(((RedisCounter) budgets.counter(i)).field).exact("period start", budgets.periodStart(i, now))
          .add(RedisOwnerLedger.alertSpec(budgets, i));
    }
    List<Object> r = script.call(callKeys(id), args.toArray());
    long status = (Long) r.get(0);
    if (status == STALE) {
      return LedgerReply.stale((Long) r.get(1));
    }
    if (status == LedgerReply.OK) {
      // Per budget: its usage after the add (hi, lo) and the thresholds the add reached.
      for (int i = 0; i < n; i++) {
        long usage = Args.join(r.get(1 + 3 * i), r.get(2 + 3 * i));
        if (usageOut != null) {
          usageOut[i] = usage;
        }
        int reached = (int) (long) (Long) r.get(3 + 3 * i);
        if (reached != 0 && claimsOut != null) {
          claimsOut.add(i, reached, usage);
        }
      }
    }
    return status;
  }

  long release(String id, long now) {
    List<Object> r = script.call(callKeys(id), new Args("release", 3).exact("now", now).add(id).toArray());
    return (Long) r.get(0);
  }

  private static String text(Object o) {
    return o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(o);
  }

  /** A value stored as its two decimal parts (hi, lo); Lua may have written them as "5" or "5.0". */
  private static long join(String hi, String lo) {
    return ((long) Double.parseDouble(hi) << 32) | (long) Double.parseDouble(lo);
  }
}
