package dev.governor.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The capability upsert: {@code meter} sets the type, {@code of} keeps it. */
class CapabilityUpsertTest {

  @Test
  void meter_id_setsMeterType() {
    assertThat(CapabilityUpsert.meter("ai-tokens").type()).isEqualTo(Patch.set(CapabilityType.METER));
  }

  @Test
  void of_id_keepsType() {
    assertThat(CapabilityUpsert.of("ai-tokens").type().isKeep()).isTrue();
    assertThat(new CapabilityUpsert("ai-tokens", null)).isEqualTo(CapabilityUpsert.of("ai-tokens"));
  }
}
