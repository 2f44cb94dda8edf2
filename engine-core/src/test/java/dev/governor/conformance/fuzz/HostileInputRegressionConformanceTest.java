package dev.governor.conformance.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.governor.GovernanceEngine;
import dev.governor.ValidationException;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.spi.GovernanceStore;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Inputs the hostile-input fuzz found mishandled, each pinned as a plain example: a null where an id
 * is expected must end in a documented typed error naming the field, never in a raw
 * {@code NullPointerException}, whether the value type or the engine notices it.
 */
public abstract class HostileInputRegressionConformanceTest {
  private static final String OWNER = "cus-acme";
  private GovernanceEngine engine;

  /** A fresh, unopened store of the implementation under test. */
  protected abstract GovernanceStore newStore();

  @BeforeEach
  void engine() {
    engine = GovernanceEngine.builder().store(newStore()).build();
    engine.entityTypes().upsert(List.of(EntityTypeUpsert.of("org").displayName("Org")));
    engine.capabilities().upsert(List.of(CapabilityUpsert.meter("ai-tokens")));
    engine.entities(OWNER).upsert(List.of(EntityUpsert.of("org-acme").type("org")));
  }

  private static void assertTypedOnScope(Throwable thrown) {
    assertThat(thrown).isInstanceOf(ValidationException.class);
    ValidationException e = (ValidationException) thrown;
    assertThat(e.field()).startsWith("scopeEntityIds");
    assertThat(e.getMessage()).contains(e.field());
  }

  /** Found by the fuzz as {@code AssignmentKey.of(e3, api-calls, [e7, null])}: NPE in ScopeSet.of. */
  @Test
  void deleteByKey_keyWithNullScopeItem_throwsValidationNamingScope() {
    assertTypedOnScope(catchThrowable(() -> engine.assignments(OWNER).deleteByKey(
        List.of(AssignmentKey.of("org-acme", "ai-tokens", Arrays.asList("org-acme", null))))));
  }

  /** Found by the fuzz as {@code AssignmentKey.of(e17, api-calls, (String[]) null)}: NPE in Arrays.asList. */
  @Test
  void getByKey_nullScopeArray_throwsValidationNamingScope() {
    assertTypedOnScope(catchThrowable(() -> engine.assignments(OWNER).get(
        AssignmentKey.of("org-acme", "ai-tokens", (String[]) null))));
  }
}
