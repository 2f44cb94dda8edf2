package dev.governor.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DemoOptionsTest {
  @Test
  void parse_noArguments_defaults() {
    assertThat(DemoOptions.parse()).isEqualTo(new DemoOptions(42, 400_000, 4, false));
  }

  @Test
  void parse_separateAndInlineValues_setEachOption() {
    assertThat(DemoOptions.parse("--seed", "7", "--requests=1000", "--threads", "2"))
        .isEqualTo(new DemoOptions(7, 1_000, 2, false));
    assertThat(DemoOptions.parse("--seed=-3")).extracting(DemoOptions::seed).isEqualTo(-3L);
  }

  @Test
  void parse_help_isFlagged() {
    assertThat(DemoOptions.parse("--help").help()).isTrue();
    assertThat(DemoOptions.parse("-h").help()).isTrue();
  }

  @Test
  void parse_badInput_isRejectedNamingTheOption() {
    assertThatThrownBy(() -> DemoOptions.parse("--seed", "x")).hasMessageContaining("--seed")
        .hasMessageContaining("'x'");
    assertThatThrownBy(() -> DemoOptions.parse("--seed")).hasMessage("option --seed needs a value");
    assertThatThrownBy(() -> DemoOptions.parse("--threads", "0")).hasMessageContaining("between 1 and 64");
    assertThatThrownBy(() -> DemoOptions.parse("--requests", "0")).hasMessageContaining("between 1 and");
    assertThatThrownBy(() -> DemoOptions.parse("--fast")).hasMessage("unknown option '--fast'");
  }

  @Test
  void parse_noServe_doesNotServeOnTheDefaultPort() {
    assertThat(DemoOptions.parse("--seed", "7")).extracting(DemoOptions::serve, DemoOptions::port)
        .containsExactly(false, DemoOptions.DEFAULT_PORT);
  }

  @Test
  void parse_serve_servesOnTheDefaultPort() {
    assertThat(DemoOptions.parse("--serve")).isEqualTo(new DemoOptions(42, 400_000, 4, false, null, true, 8080));
  }

  @Test
  void parse_serveWithPortInEitherOrderAndForm_setsThePort() {
    assertThat(DemoOptions.parse("--serve", "--port", "9090").port()).isEqualTo(9090);
    assertThat(DemoOptions.parse("--port=0", "--requests", "10", "--serve"))
        .isEqualTo(new DemoOptions(42, 10, 4, false, null, true, 0));
  }

  @Test
  void parse_badPort_isRejectedNamingTheOptionAndValue() {
    assertThatThrownBy(() -> DemoOptions.parse("--serve", "--port", "65536"))
        .hasMessage("option --port must be between 0 and 65535, got 65536");
    assertThatThrownBy(() -> DemoOptions.parse("--serve", "--port", "-1"))
        .hasMessage("option --port must be between 0 and 65535, got -1");
    assertThatThrownBy(() -> DemoOptions.parse("--serve", "--port", "http")).hasMessageContaining("--port")
        .hasMessageContaining("'http'");
    assertThatThrownBy(() -> DemoOptions.parse("--serve", "--port")).hasMessage("option --port needs a value");
  }

  @Test
  void parse_portWithoutServe_isRejectedNamingTheOptionAndValue() {
    assertThatThrownBy(() -> DemoOptions.parse("--port", "9090"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--port 9090").hasMessageContaining("--serve");
  }

  @Test
  void parse_serveWithValue_isRejected() {
    assertThatThrownBy(() -> DemoOptions.parse("--serve=yes")).hasMessage("option --serve takes no value, got '--serve=yes'");
  }
}
