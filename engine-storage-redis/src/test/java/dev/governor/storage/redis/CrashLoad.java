package dev.governor.storage.redis;

import dev.governor.GovernanceEngine;
import dev.governor.StoreUnavailableException;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.IngestResult;
import dev.governor.runtime.UsageEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load of {@link RedisCrashTest}: threads that consume and ingest through one engine with a
 * fresh idempotency key on every consume and event, and keep account of every outcome by the
 * server's state when the call began and ended. An answered call is <em>acknowledged</em> (its
 * granted or recorded amounts are in {@link #acknowledged()}); a call that threw
 * {@link StoreUnavailableException} is <em>in doubt</em> (the server may have executed it before it
 * died) and is kept whole, so it can be retried later with the same keys.
 *
 * <p>Thread-safe: the counters are atomic and the queues concurrent.
 */
final class CrashLoad {
  /** Where the server is, as the test last set it; a call sees the phase at its start and end. */
  enum Phase {
    UP, DOWN, RESTARTING, BACK
  }

  /** One call, enough to replay it: a consume or an ingest batch. */
  record Call(ConsumeRequest consume, List<UsageEvent> events) {}

  private static final int MAX_AMOUNT = 50;
  // A client backs off after a failure; here it also keeps the calls made while the server is down
  // (and so the in-doubt calls to retry) in the hundreds rather than the hundreds of thousands.
  private static final long BACKOFF_MILLIS = 5;

  private final GovernanceEngine engine;
  private final List<String> subjects;
  private volatile Phase phase = Phase.UP;
  private volatile boolean stopped;
  private final Tally acknowledged = new Tally();
  private final Queue<Call> inDoubt = new ConcurrentLinkedQueue<>();
  private final Map<Phase, AtomicLong> answeredFrom = new ConcurrentHashMap<>();
  private final AtomicLong failedWhileDown = new AtomicLong();
  private final Queue<String> answeredWhileDown = new ConcurrentLinkedQueue<>();
  private final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();

  CrashLoad(GovernanceEngine engine, OrgTree tree) {
    this.engine = engine;
    this.subjects = tree.subjects();
  }

  void phase(Phase next) {
    phase = next;
  }

  void stop() {
    stopped = true;
  }

  /** Calls until {@link #stop()}; the keys start with {@code keyPrefix}, so threads never share one. */
  void run(SplittableRandom random, String keyPrefix) throws InterruptedException {
    for (int i = 0; !stopped; i++) {
      Call call = random.nextBoolean()
          ? new Call(ConsumeRequest.of(pick(random), OrgTree.TOKENS, amount(random)).idempotencyKey(keyPrefix + i), null)
          : new Call(null, events(random, keyPrefix + i, 1 + random.nextInt(3)));
      Phase before = phase;
      try {
        String outcome = execute(call, acknowledged, false);
        answeredFrom.computeIfAbsent(before, p -> new AtomicLong()).incrementAndGet();
        if (before == Phase.DOWN && phase == Phase.DOWN) {
          answeredWhileDown.add(outcome + " for " + call);
        }
      } catch (StoreUnavailableException e) {
        inDoubt.add(call);
        if (before == Phase.DOWN && phase == Phase.DOWN) {
          failedWhileDown.incrementAndGet();
        }
        Thread.sleep(BACKOFF_MILLIS);
      } catch (RuntimeException e) {
        unexpected.add(e);
      }
    }
  }

  /**
   * Retries an in-doubt call with its own keys once the server is back, and adds to {@code counted}
   * what the server now holds for it: a duplicate was recorded by the first attempt, a grant or a
   * record by this one; either way it is counted exactly once.
   *
   * @return a description of the outcome
   */
  String settle(Call call, Tally counted) {
    return execute(call, counted, true);
  }

  /**
   * Makes the call and adds what it granted or recorded to {@code counted}, by subject.
   *
   * @param duplicateCounts whether a duplicate is expected and counts (a retry), or is a failure
   *     (every key of the load is fresh)
   * @return a description of the outcome
   */
  private String execute(Call call, Tally counted, boolean duplicateCounts) {
    if (call.consume() != null) {
      ConsumeResult.Status status = engine.consume(OrgTree.OWNER, call.consume()).status();
      boolean counts = status == ConsumeResult.Status.GRANTED || (duplicateCounts && status == ConsumeResult.Status.DUPLICATE);
      if (counts) {
        counted.add(call.consume().subject().entityIds().get(0), call.consume().amount());
      } else if (status != ConsumeResult.Status.DENIED) {
        throw new IllegalStateException("unexpected " + status + " for " + call);
      }
      return "consume " + status;
    }
    IngestResult result = engine.ingest(OrgTree.OWNER, call.events());
    for (EventResult event : result.events()) {
      EventResult.Outcome outcome = event.outcome();
      if (outcome != EventResult.Outcome.RECORDED && !(duplicateCounts && outcome == EventResult.Outcome.DUPLICATE)) {
        throw new IllegalStateException("unexpected " + outcome + " for event " + event.index() + " of " + call);
      }
      UsageEvent sent = call.events().get(event.index());
      counted.add(sent.subject().entityIds().get(0), sent.amount());
    }
    return "ingest " + (result.count(EventResult.Outcome.DUPLICATE) > 0 ? "DUPLICATE" : "RECORDED");
  }

  /** Granted or recorded amounts of every acknowledged call, by consuming entity. */
  Map<String, Long> acknowledged() {
    return acknowledged.snapshot();
  }

  /** The calls that threw {@link StoreUnavailableException}, in no particular order. */
  List<Call> inDoubt() {
    return new ArrayList<>(inDoubt);
  }

  /** The amounts of the in-doubt calls, by consuming entity: the most the server may hold beyond what was acknowledged. */
  Map<String, Long> inDoubtAmounts() {
    Tally amounts = new Tally();
    for (Call call : inDoubt) {
      if (call.consume() != null) {
        amounts.add(call.consume().subject().entityIds().get(0), call.consume().amount());
      } else {
        call.events().forEach(e -> amounts.add(e.subject().entityIds().get(0), e.amount()));
      }
    }
    return amounts.snapshot();
  }

  /** How many calls that began in {@code phase} were answered (granted, denied or recorded). */
  long answeredFrom(Phase from) {
    AtomicLong n = answeredFrom.get(from);
    return n == null ? 0 : n.get();
  }

  /** How many calls began and ended while the server was down and threw {@link StoreUnavailableException}. */
  long failedWhileDown() {
    return failedWhileDown.get();
  }

  /** Calls that began and ended while the server was down yet returned an answer: must stay empty. */
  List<String> answeredWhileDown() {
    return new ArrayList<>(answeredWhileDown);
  }

  /** Exceptions other than {@link StoreUnavailableException}: must stay empty. */
  List<Throwable> unexpected() {
    return new ArrayList<>(unexpected);
  }

  String progress() {
    return "answered by phase " + answeredFrom + ", in doubt " + inDoubt.size() + ", failed while down "
        + failedWhileDown + ", unexpected " + unexpected.size();
  }

  private String pick(SplittableRandom random) {
    return subjects.get(random.nextInt(subjects.size()));
  }

  private static long amount(SplittableRandom random) {
    return 1 + random.nextInt(MAX_AMOUNT);
  }

  private List<UsageEvent> events(SplittableRandom random, String keyPrefix, int count) {
    List<UsageEvent> events = new ArrayList<>();
    for (int j = 0; j < count; j++) {
      events.add(UsageEvent.of(pick(random), OrgTree.TOKENS, amount(random)).idempotencyKey(keyPrefix + "-e" + j));
    }
    return events;
  }
}
