package dev.governor.storage.redis;

import dev.governor.spi.BudgetSet;
import dev.governor.spi.IdempotencyClaim;
import dev.governor.spi.LedgerReply;
import dev.governor.spi.LedgerStatus;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One consume on its way to Redis: its script arguments, built in the calling thread before it is
 * queued (so no engine code ever runs on the connection's I/O thread), and once the call that
 * carried it returns, its reply and the usage of each budget before the add. The calling thread
 * parks until {@link #done} and is unparked by whichever thread completes it. Thread-safe: the
 * result fields are written before the volatile {@code done} and read after it.
 */
final class Consume {
  /** Index, in {@link #segment}, of the idempotency key's index in the call's KEYS. */
  private static final int KEY_INDEX_AT = 5;

  final Thread caller = Thread.currentThread();
  /** The arguments of {@code consumeAt} in governor-ledger.lua; the key index is set when a batch is assembled. */
  final String[] segment;
  /** The Redis key of the idempotency key, or null. */
  final String key;
  private final int size;
  private final long[] usageOut;

  private long reply;
  private Throwable failure;
  private volatile boolean done;

  Consume(BudgetSet budgets, long nowMillis, long amount, IdempotencyClaim claim, long[] usageOut, Keys.OwnerKeys keys) {
    this.size = budgets.size();
    this.usageOut = usageOut;
    Args args = new Args(Long.toString(budgets.catalogVersion()), 12 + 4 * size);
    args.exact("global version", budgets.globalVersion()).exact("now", nowMillis).pair(amount);
    if (claim == null) {
      args.add("0").add("").add("0");
    } else {
      args.add("0").add(Long.toString(claim.fingerprint())).exact("key expiry", claim.expiresAtMillis());
    }
    Budgets.append(args, budgets, nowMillis);
    this.segment = args.toArray();
    this.key = claim == null ? null : keys.idempotencyKey(claim.key());
  }

  /** Appends this consume's arguments, its key being KEYS[{@code keyIndex}] (0: none). */
  void appendTo(List<String> args, int keyIndex) {
    for (int i = 0; i < segment.length; i++) {
      args.add(i == KEY_INDEX_AT ? Integer.toString(keyIndex) : segment[i]);
    }
  }

  /** Takes this consume's reply from the call's reply list and wakes its caller. */
  void complete(List<?> r) {
    long status = (Long) r.get(0);
    if (status == LedgerStatus.STALE.ordinal()) {
      reply = LedgerReply.stale((Long) r.get(1));
    } else {
      if (usageOut != null) {
        for (int i = 0; i < size; i++) {
          usageOut[i] = Args.join(r.get(1 + 2 * i), r.get(2 + 2 * i));
        }
      }
      reply = status;
    }
    finish();
  }

  /** Records that the call carrying this consume failed, and wakes its caller. */
  void fail(Throwable cause) {
    failure = cause;
    finish();
  }

  private void finish() {
    done = true;
    LockSupport.unpark(caller);
  }

  boolean isDone() {
    return done;
  }

  /** The reply, or the failure of the call that carried it (only once {@link #isDone()}). */
  long reply() {
    if (failure instanceof StoreCallException e) {
      throw e;
    }
    if (failure != null) {
      throw new StoreCallException("the consume failed: " + failure, failure);
    }
    return reply;
  }
}
