package dev.governor.storage.redis;

import dev.governor.spi.BudgetSet;
import dev.governor.spi.IdempotencyClaim;
import dev.governor.spi.LedgerReply;
import dev.governor.spi.ThresholdClaims;
import dev.governor.spi.LedgerStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One consume on its way to Redis: its script arguments, built in the calling thread before it is
 * queued (so no engine code ever runs on the connection's I/O thread), and once the call that
 * carried it returns, its reply and, when asked, the usage of each budget before the add. The
 * calling thread parks until {@link #done} and is unparked by whichever thread completes it.
 * Thread-safe: the result fields are written before the volatile {@code done} and read after it.
 *
 * <p>The numbers travel packed as big-endian doubles (the {@code CONSUME_HEADER} and
 * {@code CONSUME_BUDGET} formats of governor-ledger.lua): one unpack on the server where decimal
 * text would cost a conversion per number. Every value sent is an integer below 2^53, so a double
 * holds it exactly.
 */
final class Consume {
  private static final byte[] NO_FINGERPRINT = new byte[0];
  /** Byte offset, in the header, of the idempotency key's index in the call's KEYS. */
  private static final int KEY_INDEX_AT = 5 * Double.BYTES;
  private static final int HEADER_NUMBERS = 10;
  private static final int BUDGET_NUMBERS = 3;

  final Thread caller = Thread.currentThread();
  /** The header, fingerprint, packed budgets and counter fields of {@code consumeAt} in governor-ledger.lua. */
  final byte[][] segment;
  /** The Redis key of the idempotency key, or null. */
  final String key;
  private final int size;
  private final long[] usageOut;
  private final long[] heldOut;
  private final ThresholdClaims claimsOut;
  private final boolean alerts;

  private long reply;
  private Throwable failure;
  private volatile boolean done;

  Consume(BudgetSet budgets, long nowMillis, long amount, IdempotencyClaim claim, long[] usageOut, long[] heldOut,
      ThresholdClaims claimsOut, Keys.OwnerKeys keys) {
    this.size = budgets.size();
    this.usageOut = usageOut;
    this.heldOut = heldOut;
    this.claimsOut = claimsOut;
    byte[] alertBlob = budgets.hasAlerts() ? alerts(budgets) : null;
    this.alerts = alertBlob != null;
    ByteBuffer header = ByteBuffer.allocate(HEADER_NUMBERS * Double.BYTES);
    put(header, "catalog version", budgets.catalogVersion());
    put(header, "global version", budgets.globalVersion());
    put(header, "now", nowMillis);
    header.putDouble(amount >>> 32).putDouble(amount & 0xFFFFFFFFL);
    header.putDouble(0); // key index, set when a batch is assembled
    put(header, "key expiry", claim == null ? 0 : claim.expiresAtMillis());
    header.putDouble(size).putDouble(usageOut == null ? 0 : 1).putDouble(alerts ? alertCount(budgets) : 0);
    ByteBuffer packed = ByteBuffer.allocate(size * BUDGET_NUMBERS * Double.BYTES);
    int fieldsAt = alerts ? 4 : 3;
    byte[][] args = new byte[fieldsAt + size][];
    for (int i = 0; i < size; i++) {
      long limit = budgets.limit(i);
      if (limit == BudgetSet.UNLIMITED) {
        packed.putDouble(-1).putDouble(0);
      } else {
        packed.putDouble(limit >>> 32).putDouble(limit & 0xFFFFFFFFL);
      }
      put(packed, "period start", budgets.periodStart(i, nowMillis));
      args[fieldsAt + i] = ((RedisCounter) budgets.counter(i)).fieldBytes;
    }
    if (alerts) {
      args[3] = alertBlob;
    }
    args[0] = header.array();
    args[1] = claim == null ? NO_FINGERPRINT : Long.toString(claim.fingerprint()).getBytes(StandardCharsets.US_ASCII);
    args[2] = packed.array();
    this.segment = args;
    this.key = claim == null ? null : keys.idempotencyKey(claim.key());
  }

  private static int alertCount(BudgetSet budgets) {
    int count = 0;
    for (int i = 0; i < budgets.size(); i++) {
      count += budgets.alertLevels(i).length > 0 ? 1 : 0;
    }
    return count;
  }

  /** Per budget with thresholds: index (1-based), count, then (fraction, level hi, level lo) each. */
  private static byte[] alerts(BudgetSet budgets) {
    int numbers = 0;
    for (int i = 0; i < budgets.size(); i++) {
      int m = budgets.alertLevels(i).length;
      numbers += m == 0 ? 0 : 2 + 3 * m;
    }
    ByteBuffer blob = ByteBuffer.allocate(numbers * Double.BYTES);
    for (int i = 0; i < budgets.size(); i++) {
      long[] levels = budgets.alertLevels(i);
      if (levels.length == 0) {
        continue;
      }
      double[] thresholds = budgets.alertThresholds(i);
      blob.putDouble(i + 1).putDouble(levels.length);
      for (int j = 0; j < levels.length; j++) {
        blob.putDouble(thresholds[j]).putDouble(levels[j] >>> 32).putDouble(levels[j] & 0xFFFFFFFFL);
      }
    }
    return blob.array();
  }

  /** Puts a version or a time, which must lie within ±2^53 to travel exactly. */
  private static void put(ByteBuffer buffer, String field, long v) {
    buffer.putDouble(Args.checkExact(field, v));
  }

  /** Appends this consume's arguments, its key being KEYS[{@code keyIndex}] (0: none). */
  void appendTo(List<byte[]> args, int keyIndex) {
    // The header belongs to this consume alone, and a consume travels in one call only.
    ByteBuffer.wrap(segment[0]).putDouble(KEY_INDEX_AT, keyIndex);
    for (byte[] arg : segment) {
      args.add(arg);
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
          if (heldOut != null) {
            heldOut[i] = Args.join(r.get(1 + 2 * size + 2 * i), r.get(2 + 2 * size + 2 * i));
          }
        }
      }
      if (alerts && status == LedgerStatus.GRANTED.ordinal() && claimsOut != null) {
        // After the (padded) usages and held amounts: (index, reached, usage after hi, lo) of each
        // budget that reached thresholds.
        for (int at = 1 + 4 * size; at + 3 < r.size(); at += 4) {
          claimsOut.add((int) (long) (Long) r.get(at) - 1, (int) (long) (Long) r.get(at + 1),
              Args.join(r.get(at + 2), r.get(at + 3)));
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
