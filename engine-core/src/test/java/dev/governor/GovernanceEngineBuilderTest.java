package dev.governor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Builder misuse is a typed {@link ValidationException} naming the setting and the value, at once. */
class GovernanceEngineBuilderTest {

  private static ValidationException rejected(Executable call) {
    return catchThrowableOfType(ValidationException.class, () -> {
      try {
        call.execute();
      } catch (Throwable t) {
        if (t instanceof RuntimeException r) {
          throw r;
        }
        throw new AssertionError(t);
      }
    });
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, GovernanceEngineBuilder.MAX_MAX_DEPTH + 1})
  void maxDepth_outOfRange_validationNamingSettingAndValue(int depth) {
    ValidationException e = rejected(() -> GovernanceEngine.builder().maxDepth(depth));

    assertThat(e.field()).isEqualTo("maxDepth");
    assertThat(e.value()).contains(Integer.toString(depth));
  }

  @Test
  void nullSettings_validationNamingEach() {
    assertThat(rejected(() -> GovernanceEngine.builder().store(null)).field()).isEqualTo("store");
    assertThat(rejected(() -> GovernanceEngine.builder().clock(null)).field()).isEqualTo("clock");
    assertThat(rejected(() -> GovernanceEngine.builder().idempotencyRetention(null)).field()).isEqualTo("idempotencyRetention");
    assertThat(rejected(() -> GovernanceEngine.builder().maxFutureSkew(null)).field()).isEqualTo("maxFutureSkew");
    assertThat(rejected(() -> GovernanceEngine.builder().unresolvedDimensions(null)).field()).isEqualTo("unresolvedDimensions");
  }

  @Test
  void durationsOutOfRange_validationNamingSettingAndValue() {
    ValidationException retention = rejected(() -> GovernanceEngine.builder().idempotencyRetention(Duration.ofMillis(999)));
    ValidationException skew = rejected(() -> GovernanceEngine.builder().maxFutureSkew(Duration.ofMinutes(-1)));

    assertThat(retention.field()).isEqualTo("idempotencyRetention");
    assertThat(retention.value()).contains("PT0.999S");
    assertThat(skew.field()).isEqualTo("maxFutureSkew");
    assertThat(skew.value()).contains("PT-1M");
  }

  @Test
  void build_withoutStore_validationNamingStore() {
    ValidationException e = rejected(() -> GovernanceEngine.builder().build());

    assertThat(e.field()).isEqualTo("store");
    assertThat(e.getMessage()).contains("required");
  }
}
