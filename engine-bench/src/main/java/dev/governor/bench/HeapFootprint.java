package dev.governor.bench;

import dev.governor.GovernanceEngine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures heap bytes per (entity + one assignment + its counter): loads N entities the way
 * {@link ScaleBenchmark} does, touches every counter with a consume (so counters and compiled plans
 * exist), and divides the growth of the used heap after full collections by N. Run with
 * {@code java -cp engine-bench/target/benchmarks.jar dev.governor.bench.HeapFootprint [entities]}.
 */
public final class HeapFootprint {
  private HeapFootprint() {}

  public static void main(String[] args) {
    int entities = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    long before = usedAfterGc();
    GovernanceEngine engine = Chain.engine(Clock.systemUTC());
    List<String> owners = new ArrayList<>();
    List<String> users = new ArrayList<>();
    ScaleBenchmark.Population.load(engine, entities, owners, users);
    long loaded = usedAfterGc();
    for (int u = 0; u < users.size(); u++) {
      if (!engine.tryConsume(owners.get(u), users.get(u), Chain.CAPABILITY, 1)) {
        throw new IllegalStateException("consume must be granted");
      }
    }
    long touched = usedAfterGc();
    // Keep the test data itself out of the figure: ids are shared with the engine, the lists are not.
    long lists = (long) users.size() * 2 * 8;
    System.out.printf("entities=%d loaded=%.1f B/entity warm=%.1f B/entity (catalog + counters + compiled plans)%n",
        entities, (double) (loaded - before - lists) / entities, (double) (touched - before - lists) / entities);
    if (engine.isAllowed(owners.get(0), users.get(0), Chain.CAPABILITY, 1)) {
      System.out.println("ok");
    }
  }

  private static long usedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 5; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
