package dev.governor.storage.redis;

import dev.governor.spi.BudgetSet;
import dev.governor.spi.IdempotencyClaim;
import dev.governor.spi.LedgerReply;
import dev.governor.spi.LedgerStatus;
import java.util.List;

/**
 * One consume waiting for its turn in a {@link ConsumeQueue}: what to send, and once the call that
 * carried it returns, its own reply and the usage of each budget before the add. Not thread-safe on
 * its own: the queue hands it from the calling thread to the thread that sends it and back under
 * its lock.
 */
final class Consume {
  final BudgetSet budgets;
  final long nowMillis;
  final long amount;
  final IdempotencyClaim claim;
  final long[] usageOut;

  final int size;
  long reply;
  Throwable failure;
  Thread sentBy;
  boolean done;

  Consume(BudgetSet budgets, long nowMillis, long amount, IdempotencyClaim claim, long[] usageOut) {
    this.budgets = budgets;
    this.nowMillis = nowMillis;
    this.amount = amount;
    this.claim = claim;
    this.usageOut = usageOut;
    this.size = budgets.size();
  }

  /**
   * Appends this consume's arguments (see {@code consumeAt} in governor.lua): planned versions, time,
   * amount, idempotency key (its index in {@code KEYS}, 0 for none), fingerprint, expiry, budgets.
   */
  void appendTo(Args args, int keyIndex) {
    args.exact("catalog version", budgets.catalogVersion()).exact("global version", budgets.globalVersion())
        .exact("now", nowMillis).pair(amount);
    if (claim == null) {
      args.add("0").add("").add("0");
    } else {
      args.add(keyIndex).add(Long.toString(claim.fingerprint())).exact("key expiry", claim.expiresAtMillis());
    }
    Budgets.append(args, budgets, nowMillis);
  }

  /** Takes this consume's reply from the call's reply list. */
  void complete(List<?> r) {
    long status = (Long) r.get(0);
    if (status == LedgerStatus.STALE.ordinal()) {
      reply = LedgerReply.stale((Long) r.get(1));
      return;
    }
    if (usageOut != null) {
      for (int i = 0; i < size; i++) {
        usageOut[i] = Args.join(r.get(1 + 2 * i), r.get(2 + 2 * i));
      }
    }
    reply = status;
  }
}
