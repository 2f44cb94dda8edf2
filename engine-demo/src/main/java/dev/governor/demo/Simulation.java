package dev.governor.demo;

import dev.governor.GovernanceEngine;
import dev.governor.GovernanceListener;
import dev.governor.spi.GovernanceStore;
import dev.governor.storage.memory.MemoryStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A demo run without any printing: a fresh engine on an empty store and a fixed clock, provisioned
 * with the seed catalog, and every owner's pre-generated stream, ready to run. A second engine on the
 * same store, its clock {@link CompletionFlow#LATE} later, settles the completions that answer after
 * their hold expired. Both engines announce threshold crossings to the same {@link AlertCollector}.
 * Immutable; the engines and the collector are thread-safe.
 *
 * @param engine the engine
 * @param lateEngine the engine of the late settles, on the same store
 * @param alerts the listener of both engines
 * @param workloads every owner's stream, in plan order
 */
public record Simulation(GovernanceEngine engine, GovernanceEngine lateEngine, AlertCollector alerts,
    List<OwnerWorkload> workloads) {
  /**
   * The engine's time: mid-month and mid-day, so no monthly or daily budget rolls over during a run,
   * and every run sees the same periods.
   */
  public static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");

  public Simulation {
    workloads = List.copyOf(workloads);
  }

  /** An engine on the in-memory store, with the clock stopped at {@link #NOW}. */
  public static GovernanceEngine newEngine() {
    return newEngine(MemoryStore.create());
  }

  /** An engine on {@code store}, with the clock stopped at {@link #NOW}. */
  public static GovernanceEngine newEngine(GovernanceStore store) {
    return GovernanceEngine.builder().store(store).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
  }

  /** An engine on {@code store}, with the clock stopped at {@code now} and {@code listener} hearing its alerts. */
  static GovernanceEngine newEngine(GovernanceStore store, Instant now, GovernanceListener listener) {
    return GovernanceEngine.builder().store(store).clock(Clock.fixed(now, ZoneOffset.UTC)).listener(listener).build();
  }

  /** Provisions {@code plans} in a new engine on the in-memory store and generates their streams from {@code seed}. */
  public static Simulation prepare(List<OwnerPlan> plans, long seed, int requests) {
    return prepare(MemoryStore.create(), plans, seed, requests);
  }

  /** Provisions {@code plans} in a new engine on {@code store} (which must be empty) and generates their streams. */
  public static Simulation prepare(GovernanceStore store, List<OwnerPlan> plans, long seed, int requests) {
    AlertCollector alerts = new AlertCollector();
    GovernanceEngine engine = newEngine(store, NOW, alerts);
    GovernanceEngine lateEngine = newEngine(store, NOW.plus(CompletionFlow.LATE), alerts);
    CatalogInstaller.installCatalog(engine);
    plans.forEach(plan -> CatalogInstaller.provision(engine, plan));
    return new Simulation(engine, lateEngine, alerts, WorkloadGenerator.generate(plans, seed, requests));
  }

  /** Runs the streams on {@code threads} workers; call once. */
  public RunResult run(int threads, Progress progress) throws InterruptedException {
    return WorkloadRunner.run(engine, lateEngine, workloads, threads, progress);
  }

  /** Both engines: the one every call goes through, then the one of the late settles. */
  public List<GovernanceEngine> engines() {
    return List.of(engine, lateEngine);
  }

  /** Requests in all streams. */
  public long calls() {
    return workloads.stream().mapToLong(w -> w.calls().size()).sum();
  }
}
