package dev.governor.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Patch keeps "not sent" and "sent as null" apart. */
class PatchTest {

  @Test
  void keep_notSent_noValueAndFallbackUsed() {
    Patch<String> p = Patch.keep();

    assertThat(p.isKeep()).isTrue();
    assertThat(p.isSet()).isFalse();
    assertThat(p.value()).isNull();
    assertThat(p.orElse("stored")).isEqualTo("stored");
    assertThat(p).hasToString("keep");
  }

  @Test
  void set_value_sentWithValue() {
    Patch<String> p = Patch.set("x");

    assertThat(p.isSet()).isTrue();
    assertThat(p.isKeep()).isFalse();
    assertThat(p.value()).isEqualTo("x");
    assertThat(p.orElse("stored")).isEqualTo("x");
    assertThat(p).hasToString("set(x)");
  }

  @Test
  void setNull_clear_sentAndNullWinsOverFallback() {
    Patch<String> p = Patch.set(null);

    assertThat(p.isSet()).isTrue();
    assertThat(p.isKeep()).isFalse();
    assertThat(p.value()).isNull();
    assertThat(p.orElse("stored")).isNull();
    assertThat(p).hasToString("set(null)");
  }

  @Test
  void equals_samePresenceAndValue_equal() {
    assertThat(Patch.<String>keep()).isEqualTo(Patch.keep()).hasSameHashCodeAs(Patch.keep());
    assertThat(Patch.set("a")).isEqualTo(Patch.set("a")).hasSameHashCodeAs(Patch.set("a"));
    assertThat(Patch.<String>set(null)).isEqualTo(Patch.set(null)).isNotEqualTo(Patch.keep());
    assertThat(Patch.set("a")).isNotEqualTo(Patch.set("b"));
  }

  @Test
  void orKeep_null_isKeep() {
    assertThat(Patch.<String>orKeep(null).isKeep()).isTrue();
    assertThat(Patch.orKeep(Patch.set("a"))).isEqualTo(Patch.set("a"));
  }
}
