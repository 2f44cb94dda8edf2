package dev.governor.storage.redis;

import dev.governor.GovernanceEngine;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One engine of the fleet in {@link RedisFleetTest}, run as a JVM of its own: its own
 * {@link RedisStore} (own client and connection) and {@link GovernanceEngine}, and several threads
 * consuming small random amounts of {@link OrgTree#TOKENS} through random teams and users of
 * {@link OrgTree#OWNER}.
 *
 * <p>Arguments: {@code uri keyPrefix workerIndex seed threads attemptsPerThread resultFile}.
 * Protocol: prints {@code READY} once its engine has read the catalog, then waits for one line on
 * standard input, so that every worker starts consuming at the same moment however long its JVM
 * took to start. At the end it writes a {@link Properties} file: {@code granted.<entity>} (amount
 * granted to consumes by that entity), {@code grants}, {@code attempts}, {@code denied.<entity>}
 * (denials whose first denying budget is that entity's) and {@code deniedUnexplained} (the
 * {@code tryConsume} denials, which do not say why). Exits 0, or 1 after printing the failure.
 */
public final class FleetWorker {
  /** The largest amount one consume asks for. */
  static final int MAX_AMOUNT = 5;
  static final String READY = "READY";

  private final GovernanceEngine engine;
  private final List<String> subjects = OrgTree.tight().subjects();
  private final Tally granted = new Tally();
  private final Tally deniedBy = new Tally();
  private final AtomicLong grants = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();

  private FleetWorker(GovernanceEngine engine) {
    this.engine = engine;
  }

  public static void main(String[] args) {
    int exitCode = 1;
    try {
      run(args);
      exitCode = 0;
    } catch (Throwable t) {
      t.printStackTrace();
    }
    System.out.flush();
    System.err.flush();
    // Exit explicitly: nothing the run left behind (a client thread) may keep this JVM alive.
    System.exit(exitCode);
  }

  private static void run(String[] args) throws Exception {
    if (args.length != 7) {
      throw new IllegalArgumentException("usage: uri keyPrefix workerIndex seed threads attemptsPerThread resultFile");
    }
    String uri = args[0];
    String prefix = args[1];
    int index = Integer.parseInt(args[2]);
    long seed = Long.parseLong(args[3]);
    int threads = Integer.parseInt(args[4]);
    int attemptsPerThread = Integer.parseInt(args[5]);
    Path resultFile = Path.of(args[6]);
    System.out.println("worker " + index + " seed=" + seed);

    // A timeout far above any round trip: a call failing here would leave its outcome in doubt and
    // make the test's exact sums meaningless, so the test wants every call answered.
    try (RedisStore store = RedisStore.builder().uri(uri).keyPrefix(prefix).timeout(Duration.ofSeconds(10)).build()) {
      FleetWorker worker = new FleetWorker(GovernanceEngine.builder().store(store).clock(OrgTree.CLOCK).build());
      worker.warmUp();
      System.out.println(READY);
      System.out.flush();
      String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (go == null) {
        throw new IllegalStateException("standard input closed before the start signal");
      }
      worker.consumeOnThreads(index, new SplittableRandom(seed), threads, attemptsPerThread);
      worker.writeResults(resultFile);
    }
    System.out.println("DONE");
  }

  /** Reads the catalog once, so the start signal releases consumes and not catalog loading. */
  private void warmUp() {
    for (String subject : subjects) {
      engine.check(OrgTree.OWNER, CheckRequest.of(subject, OrgTree.TOKENS).amount(0));
    }
  }

  private void consumeOnThreads(int index, SplittableRandom seeds, int threads, int attemptsPerThread)
      throws InterruptedException {
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      SplittableRandom random = seeds.split();
      String keyPrefix = "w" + index + "-t" + t + "-";
      Thread thread = new Thread(() -> {
        try {
          for (int i = 0; i < attemptsPerThread; i++) {
            attempt(random, keyPrefix + i);
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }, "fleet-worker-" + index + "-" + t);
      thread.start();
      running.add(thread);
    }
    for (Thread thread : running) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      IllegalStateException failure = new IllegalStateException("a consuming thread failed", failures.peek());
      failures.stream().skip(1).forEach(failure::addSuppressed);
      throw failure;
    }
  }

  private void attempt(SplittableRandom random, String idempotencyKey) {
    String subject = subjects.get(random.nextInt(subjects.size()));
    long amount = 1 + random.nextInt(MAX_AMOUNT);
    attempts.incrementAndGet();
    // One call in four through the allocation-free gate, so both entry points race for the budgets.
    if (random.nextInt(4) == 0) {
      if (engine.tryConsume(OrgTree.OWNER, subject, OrgTree.TOKENS, amount)) {
        recordGrant(subject, amount);
      } else {
        deniedBy.add("deniedUnexplained", 1);
      }
      return;
    }
    ConsumeResult result = engine.consume(OrgTree.OWNER,
        ConsumeRequest.of(subject, OrgTree.TOKENS, amount).idempotencyKey(idempotencyKey));
    switch (result.status()) {
      case GRANTED -> recordGrant(subject, amount);
      case DENIED -> {
        BudgetStatus first = result.firstDenied();
        deniedBy.add(first == null ? "denied.without-budget-" + result.reason() : "denied." + first.entityId(), 1);
      }
      // Every key is new, so a duplicate would mean the store confused two requests.
      case DUPLICATE -> throw new IllegalStateException("fresh key " + idempotencyKey + " reported DUPLICATE: " + result);
      default -> throw new IllegalStateException("unknown status " + result.status());
    }
  }

  private void recordGrant(String subject, long amount) {
    granted.add("granted." + subject, amount);
    grants.incrementAndGet();
  }

  private void writeResults(Path file) throws IOException {
    Properties results = new Properties();
    granted.snapshot().forEach((key, sum) -> results.setProperty(key, Long.toString(sum)));
    deniedBy.snapshot().forEach((key, count) -> results.setProperty(key, Long.toString(count)));
    results.setProperty("grants", Long.toString(grants.get()));
    results.setProperty("attempts", Long.toString(attempts.get()));
    try (OutputStream out = Files.newOutputStream(file)) {
      results.store(out, "FleetWorker results");
    }
  }
}
