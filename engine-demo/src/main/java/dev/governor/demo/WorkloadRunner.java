package dev.governor.demo;

import dev.governor.GovernanceEngine;
import dev.governor.runtime.BudgetStatus;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.IngestResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Replays the owners' streams on a pool of worker threads. Each owner's stream is one task, so it is
 * replayed in order by exactly one thread while the owners run concurrently; owners share no budget,
 * so the result does not depend on how the threads interleave. Stateless, so thread-safe.
 */
public final class WorkloadRunner {
  private WorkloadRunner() {}

  /**
   * Runs every stream on {@code threads} workers and waits for all of them; the AI completions settle
   * late through {@code lateEngine} ({@link CompletionFlow}).
   */
  public static RunResult run(GovernanceEngine engine, GovernanceEngine lateEngine, List<OwnerWorkload> workloads,
      int threads, Progress progress) throws InterruptedException {
    CompletionFlow completions = new CompletionFlow(engine, lateEngine);
    AtomicInteger ids = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
      Thread thread = new Thread(task, "demo-worker-" + ids.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<OwnerRun>> futures = new ArrayList<>();
      for (OwnerWorkload workload : workloads) {
        futures.add(pool.submit(() -> runOwner(engine, completions, workload, progress)));
      }
      List<OwnerRun> runs = new ArrayList<>();
      for (Future<OwnerRun> future : futures) {
        runs.add(future.get());
      }
      return new RunResult(runs);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Replays one owner's stream in order on the calling thread. */
  static OwnerRun runOwner(GovernanceEngine engine, CompletionFlow completions, OwnerWorkload workload,
      Progress progress) {
    String ownerId = workload.ownerId();
    List<Call> calls = workload.calls();
    BudgetRef[] blockedBy = new BudgetRef[calls.size()];
    BudgetRef[] reserveBlockedBy = new BudgetRef[calls.size()];
    Map<UUID, BudgetRef> refs = new HashMap<>();
    Function<BudgetStatus, BudgetRef> ref = b -> refs.computeIfAbsent(b.assignmentId(), id -> BudgetRef.of(ownerId, b));
    ReservationTally reservations = new ReservationTally();
    long granted = 0;
    long denied = 0;
    long batches = 0;
    long recorded = 0;
    for (int i = 0; i < calls.size(); i++) {
      Call call = calls.get(i);
      if (call instanceof Call.Consume c) {
        ConsumeResult result = engine.consume(ownerId, ConsumeRequest.of(c.subject(), c.capabilityId(), c.amount()));
        if (result.granted()) {
          granted++;
          progress.recordGranted();
        } else {
          BudgetStatus blocker = result.firstDenied();
          if (blocker == null) {
            throw new IllegalStateException("consume denied without a denying budget: " + result.reason());
          }
          blockedBy[i] = ref.apply(blocker);
          denied++;
          progress.recordDenied();
        }
      } else if (call instanceof Call.Ingest in) {
        IngestResult result = engine.ingest(ownerId, in.events());
        batches++;
        recorded += result.count(EventResult.Outcome.RECORDED);
        progress.recordIngest();
      } else if (call instanceof Call.Complete c) {
        reserveBlockedBy[i] = completions.run(ownerId, i, c, reservations, ref);
        progress.recordCompletion();
      }
    }
    return new OwnerRun(ownerId, granted, denied, batches, recorded, Arrays.asList(blockedBy),
        Arrays.asList(reserveBlockedBy), reservations.stats());
  }
}
