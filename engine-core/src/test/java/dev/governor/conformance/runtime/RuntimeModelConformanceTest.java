package dev.governor.conformance.runtime;

import dev.governor.spi.GovernanceStore;
import dev.governor.testing.Seeds;
import dev.governor.testing.model.RuntimeModel;
import org.junit.jupiter.api.Test;

/**
 * Model-based randomized conformance test of the runtime (docs/semantics.md §3-§5, §9): {@value #STEPS} random
 * steps mixing catalog changes, check, isAllowed, consume, tryConsume, ingest, malformed requests and
 * clock moves across period boundaries, run against the engine over {@link #newStore()} and against
 * {@link RuntimeModel}, a plain reference model. After every step the result must equal the model's,
 * and so must the usage, limit, decision and period of every budget of every owner. Each store
 * module runs it by extending this class; one test thread drives each run.
 *
 * <p>The seed is printed; {@code -Dgovernor.seed=N} replays a run, and a failure names the seed, the
 * step and the steps before it.
 */
public abstract class RuntimeModelConformanceTest {
  static final int STEPS = 20_000;

  /** A fresh, empty store for one engine. */
  protected abstract GovernanceStore newStore();

  /** How many random steps to run: {@value #STEPS}; a store whose every call is a round trip may run fewer by default. */
  protected int steps() {
    return STEPS;
  }

  @Test
  void randomSteps_againstReferenceModel_everyResultAndUsageMatches() {
    long seed = Seeds.seed(getClass().getSimpleName() + ".randomSteps");
    ModelRun run = new ModelRun(newStore(), seed);
    CatalogSteps catalog = new CatalogSteps(run);
    RuntimeSteps runtime = new RuntimeSteps(run);
    for (String ownerId : ModelRun.OWNERS) {
      catalog.seedOwner(ownerId);
    }
    run.verifyAllUsage();
    int steps = steps();
    for (int step = 0; step < steps; step++) {
      String ownerId = run.anyOwner();
      int roll = run.random.nextInt(1000);
      run.begin(step, "roll=" + roll);
      // Runtime calls dominate; catalog changes and clock moves keep the state moving under them.
      if (roll < 60) {
        runtime.advanceClock();
      } else if (roll < 85) {
        runtime.toBoundary();
      } else if (roll < 215) {
        runtime.check(ownerId);
      } else if (roll < 265) {
        runtime.isAllowed(ownerId);
      } else if (roll < 435) {
        runtime.consume(ownerId);
      } else if (roll < 505) {
        runtime.tryConsume(ownerId);
      } else if (roll < 675) {
        runtime.ingest(ownerId);
      } else if (roll < 700) {
        runtime.malformed(ownerId);
      } else if (roll < 705) {
        runtime.huge(ownerId);
      } else if (roll < 725) {
        catalog.newEntity(ownerId);
      } else if (roll < 765) {
        catalog.moveLeaf(ownerId);
      } else if (roll < 780) {
        catalog.archive(ownerId);
      } else if (roll < 800) {
        catalog.unarchive(ownerId);
      } else if (roll < 865) {
        catalog.createAssignment(ownerId);
      } else if (roll < 915) {
        catalog.changeLimit(ownerId);
      } else if (roll < 955) {
        catalog.changeCadence(ownerId);
      } else if (roll < 970) {
        catalog.makeUnlimited(ownerId);
      } else {
        catalog.delete(ownerId);
      }
      run.verifyAllUsage();
    }
  }
}
