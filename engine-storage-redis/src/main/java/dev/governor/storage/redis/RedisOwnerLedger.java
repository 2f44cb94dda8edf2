package dev.governor.storage.redis;

import dev.governor.spi.BudgetSet;
import dev.governor.spi.IdempotencyClaim;
import dev.governor.spi.IngestBatch;
import dev.governor.spi.LedgerReply;
import dev.governor.spi.ThresholdClaims;
import dev.governor.spi.LedgerStatus;
import dev.governor.spi.OwnerLedger;
import dev.governor.spi.ReservationHold;
import dev.governor.spi.StoredReservation;
import io.lettuce.core.RedisFuture;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * One owner's counters in Redis: every method is one call of the store's script, which validates the
 * catalog versions, rolls periods lazily, decides by {@link dev.governor.spi.LedgerRules}' rules
 * and writes, all in one atomic step on the server. Concurrent consumes of this owner share round
 * trips through a {@link ConsumeQueue}. Thread-safe.
 */
final class RedisOwnerLedger implements OwnerLedger {
  private static final int STALE = LedgerStatus.STALE.ordinal();
  /** Budgets per call of a report's read. */
  private static final int SLICE = 1000;
  private static final byte[] CONSUME = "consume".getBytes(StandardCharsets.US_ASCII);

  private final String ownerId;
  private final Keys.OwnerKeys keys;
  private final Script script;
  private final String mirror;
  private final byte[] mirrorBytes;
  private final String[] ledgerKeys;
  private final ConsumeQueue queue;
  private final RedisReservations reservations;

  RedisOwnerLedger(String ownerId, Keys.OwnerKeys keys, Script script, GlobalMirror globalMirror, boolean batching) {
    this.ownerId = ownerId;
    this.keys = keys;
    this.script = script;
    this.mirror = globalMirror.isOn() ? "1" : "0";
    this.mirrorBytes = mirror.getBytes(StandardCharsets.US_ASCII);
    this.ledgerKeys = new String[] {keys.meta, keys.counters, globalMirror.globalVersionKey(keys)};
    this.queue = batching ? new ConsumeQueue(this::send, script.timeoutNanos()) : null;
    this.reservations = new RedisReservations(this, keys, script, ledgerKeys);
  }

  @Override
  public String ownerId() {
    return ownerId;
  }

  @Override
  public long read(BudgetSet budgets, long nowMillis, long[] usageOut, long[] heldOut) {
    // Every input is read before the call: nothing of the budget set is read after Redis wrote.
    int n = budgets.size();
    Args args = versions(new Args("read", 9 + 4 * n), budgets).exact("now", nowMillis);
    Budgets.append(args, budgets, nowMillis);
    List<Object> r = script.call(ledgerKeys, args.toArray());
    if ((Long) r.get(0) == STALE) {
      return LedgerReply.stale((Long) r.get(1));
    }
    for (int i = 0; i < n; i++) {
      usageOut[i] = Args.join(r.get(1 + 2 * i), r.get(2 + 2 * i));
      if (heldOut != null) {
        heldOut[i] = Args.join(r.get(1 + 2 * n + 2 * i), r.get(2 + 2 * n + 2 * i));
      }
    }
    return LedgerReply.OK;
  }

  @Override
  public long check(BudgetSet budgets, Clock clock, long amount) {
    long now = clock.millis();
    Args args = versions(new Args("check", 11 + 4 * budgets.size()), budgets).exact("now", now).pair(amount);
    Budgets.append(args, budgets, now);
    List<Object> r = script.call(ledgerKeys, args.toArray());
    long status = (Long) r.get(0);
    return status == STALE ? LedgerReply.stale((Long) r.get(1)) : status;
  }

  @Override
  public long readEach(BudgetSet budgets, long nowMillis, long[] usageOut, long[] heldOut) {
    // A report over many budgets goes as slices, all sent before the first reply is awaited: a few
    // pipelined round trips, never one per budget, and no single call holds the server for long.
    int n = budgets.size();
    int slices = Math.max(1, (n + SLICE - 1) / SLICE);
    String[][] sliceArgs = new String[slices][];
    for (int s = 0; s < slices; s++) {
      int from = s * SLICE;
      int to = Math.min(n, from + SLICE);
      Args args = versions(new Args("readEach", 5 + 2 * (to - from)), budgets).exact("now", nowMillis);
      for (int i = from; i < to; i++) {
        args.add(((RedisCounter) budgets.counter(i)).field).exact("period start", budgets.periodStart(i, nowMillis));
      }
      sliceArgs[s] = args.toArray();
    }
    List<RedisFuture<List<Object>>> sent = new ArrayList<>(slices);
    for (String[] args : sliceArgs) {
      sent.add(script.send(ledgerKeys, args));
    }
    long stale = -1L;
    for (int s = 0; s < slices; s++) {
      List<Object> r = script.await(sent.get(s), ledgerKeys, sliceArgs[s]);
      if ((Long) r.get(0) == STALE) {
        stale = Math.max(stale, (Long) r.get(1));
        continue;
      }
      int size = Math.min(n, (s + 1) * SLICE) - s * SLICE;
      for (int i = s * SLICE, j = 0; j < size; i++, j++) {
        usageOut[i] = Args.join(r.get(1 + 2 * j), r.get(2 + 2 * j));
        if (heldOut != null) {
          heldOut[i] = Args.join(r.get(1 + 2 * size + 2 * j), r.get(2 + 2 * size + 2 * j));
        }
      }
    }
    return stale >= 0 ? LedgerReply.stale(stale) : LedgerReply.OK;
  }

  @Override
  public long consume(BudgetSet budgets, long nowMillis, long amount, IdempotencyClaim claim, long[] usageOut,
      long[] heldOut, ThresholdClaims claimsOut) {
    Consume c = new Consume(budgets, nowMillis, amount, claim, usageOut, heldOut, claimsOut, keys);
    if (queue != null) {
      return queue.submit(c);
    }
    List<byte[]> args = new ArrayList<>();
    String[] callKeys = call(List.of(c), args);
    c.complete((List<?>) script.call(callKeys, args).get(0));
    return c.reply();
  }

  /** One call deciding {@code batch} in order, sent without waiting. */
  private CompletionStage<List<Object>> send(List<Consume> batch) {
    List<byte[]> args = new ArrayList<>(3 + batch.size() * batch.get(0).segment.length);
    String[] callKeys = call(batch, args);
    return script.callAsync(callKeys, args);
  }

  /** Fills {@code args} with the ARGV of one call deciding {@code batch} in order; returns its KEYS. */
  private String[] call(List<Consume> batch, List<byte[]> args) {
    List<String> callKeys = new ArrayList<>(List.of(ledgerKeys));
    args.add(CONSUME);
    args.add(mirrorBytes);
    args.add(Integer.toString(batch.size()).getBytes(StandardCharsets.US_ASCII));
    for (Consume c : batch) {
      int keyIndex = 0;
      if (c.key != null) {
        callKeys.add(c.key);
        keyIndex = callKeys.size();
      }
      c.appendTo(args, keyIndex);
    }
    return callKeys.toArray(new String[0]);
  }

  @Override
  public long ingest(IngestBatch batch, long nowMillis) {
    List<String> callKeys = new ArrayList<>(List.of(ledgerKeys));
    Map<String, Integer> keyIndexes = new HashMap<>();
    int[] sizes = new int[batch.size()];
    Args args = new Args("ingest", 64);
    args.exact("catalog version", batch.catalogVersion()).exact("global version", batch.globalVersion()).add(mirror)
        .exact("now", nowMillis).exact("key expiry", batch.keyExpiresAtMillis()).add(batch.size());
    for (int e = 0; e < batch.size(); e++) {
      String key = batch.idempotencyKey(e);
      if (key == null) {
        args.add("0").add("");
      } else {
        int index = keyIndexes.computeIfAbsent(keys.idempotencyKey(key), k -> {
          callKeys.add(k);
          return callKeys.size();
        });
        args.add(index).add(Long.toString(batch.fingerprint(e)));
      }
      BudgetSet budgets = batch.budgets(e);
      long eventTime = Math.min(batch.eventTime(e), nowMillis);
      sizes[e] = budgets.size();
      args.pair(batch.amount(e)).add(sizes[e]);
      for (int i = 0; i < sizes[e]; i++) {
        args.add(((RedisCounter) budgets.counter(i)).field).exact("period start", budgets.periodStart(i, nowMillis))
            .exact("period start", budgets.periodStart(i, eventTime)).add(alertSpec(budgets, i));
      }
    }
    List<Object> r = script.call(callKeys.toArray(new String[0]), args.toArray());
    long status = (Long) r.get(0);
    if (status == STALE) {
      return LedgerReply.stale((Long) r.get(1));
    }
    if (status != LedgerReply.OK) {
      batch.failedIndex((int) (long) (Long) r.get(1));
      return status;
    }
    int at = 2;
    for (int e = 0; e < batch.size(); e++) {
      batch.outcome(e, LedgerStatus.values()[(int) (long) (Long) r.get(at++)]);
      for (int i = 0; i < sizes[e]; i++) {
        boolean late = (Long) r.get(at) == 1L;
        long usage = Args.join(r.get(at + 1), r.get(at + 2));
        int reached = (int) (long) (Long) r.get(at + 3);
        at += 4;
        if (batch.outcome(e) == LedgerStatus.OK) {
          if (late) {
            batch.late(e, i, usage);
          } else {
            batch.usageAfter(e, i, usage);
            batch.reached(e, i, reached);
          }
        }
      }
    }
    return LedgerReply.OK;
  }

  /** Budget {@code i}'s thresholds as ingest sends them: "fraction,level hi,level lo" triples, '' for none. */
  static String alertSpec(BudgetSet budgets, int i) {
    long[] levels = budgets.alertLevels(i);
    if (levels.length == 0) {
      return "";
    }
    double[] thresholds = budgets.alertThresholds(i);
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < levels.length; j++) {
      if (j > 0) {
        sb.append(',');
      }
      sb.append(thresholds[j]).append(',').append(levels[j] >>> 32).append(',').append(levels[j] & 0xFFFFFFFFL);
    }
    return sb.toString();
  }

  Args versions(Args args, BudgetSet budgets) {
    return args.exact("catalog version", budgets.catalogVersion()).exact("global version", budgets.globalVersion()).add(mirror);
  }

  @Override
  public long reserve(BudgetSet budgets, long nowMillis, ReservationHold hold, long[] usageOut, long[] heldOut) {
    return reservations.reserve(budgets, nowMillis, hold, usageOut, heldOut);
  }

  @Override
  public StoredReservation reservation(String reservationId, long nowMillis) {
    return reservations.reservation(reservationId, nowMillis);
  }

  @Override
  public long settle(BudgetSet budgets, long nowMillis, String reservationId, long actual, long[] usageOut,
      ThresholdClaims claimsOut) {
    return reservations.settle(budgets, nowMillis, reservationId, actual, usageOut, claimsOut);
  }

  @Override
  public long release(String reservationId, long nowMillis) {
    return reservations.release(reservationId, nowMillis);
  }
}
