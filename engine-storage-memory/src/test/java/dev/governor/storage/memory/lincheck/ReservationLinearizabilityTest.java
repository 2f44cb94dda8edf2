package dev.governor.storage.memory.lincheck;

import dev.governor.conformance.lincheck.ReservationLinearizability;
import dev.governor.spi.GovernanceStore;
import dev.governor.storage.memory.MemoryStore;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * {@link ReservationLinearizability} on the memory store, in both modes: model checking switches
 * threads at every shared-memory access of the engine and the store (the stripe locks, the
 * optimistic stamps, the hold arrays), stress runs real threads. Sizes as in
 * {@link EngineLinearizabilityTest}; {@code -Dgovernor.lincheck.scale=N} lengthens the hunt.
 */
public class ReservationLinearizabilityTest extends ReservationLinearizability {
  @Override
  protected GovernanceStore newStore() {
    return MemoryStore.builder().stripes(8).maxIdempotencyKeysPerOwner(64).build();
  }

  @Test
  void modelChecking_reserveSettleReleaseConsume_linearizable() {
    ModelCheckingOptions options = Domain.modelChecking();
    targetedScenarios(ReservationLinearizabilityTest.class).forEach(options::addCustomScenario);
    options
        .iterations(Domain.iterations(2))
        .invocationsPerIteration(12)
        .threads(2)
        .actorsPerThread(2)
        .actorsBefore(1)
        .actorsAfter(1)
        .check(ReservationLinearizabilityTest.class);
  }

  @Test
  void stress_reserveSettleReleaseConsume_linearizable() {
    StressOptions options = Domain.stress();
    targetedScenarios(ReservationLinearizabilityTest.class).forEach(options::addCustomScenario);
    options
        .iterations(Domain.iterations(6))
        .invocationsPerIteration(100)
        .threads(2)
        .actorsPerThread(3)
        .actorsBefore(1)
        .actorsAfter(1)
        .check(ReservationLinearizabilityTest.class);
  }
}
