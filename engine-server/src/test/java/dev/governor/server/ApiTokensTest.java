package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiTokensTest {
  private static final String A = "token-aaaaaaaaaaaaaaaa";
  private static final String B = "token-bbbbbbbbbbbbbbbb";

  @Test
  void parse_plainAndLimitedTokens_eachReachesWhatItSays() {
    ApiTokens tokens = ApiTokens.parse(A + ", " + B + ":cus-a|cus-b");

    assertThat(tokens.size()).isEqualTo(2);
    assertThat(tokens.authenticate(A).everyOwner()).isTrue();
    ApiTokens.Access limited = tokens.authenticate(B);
    assertThat(limited.everyOwner()).isFalse();
    assertThat(limited.reaches("cus-a")).isTrue();
    assertThat(limited.reaches("cus-b")).isTrue();
    assertThat(limited.reaches("cus-c")).isFalse();
  }

  @Test
  void authenticate_wrongOrPrefixOrMissingToken_null() {
    ApiTokens tokens = ApiTokens.parse(A);

    assertThat(tokens.authenticate(A + "x")).isNull();
    assertThat(tokens.authenticate(A.substring(0, A.length() - 1))).isNull();
    assertThat(tokens.authenticate("")).isNull();
    assertThat(tokens.authenticate(null)).isNull();
  }

  @Test
  void parse_badSpecs_rejectedWithoutEchoingTheToken() {
    assertThatThrownBy(() -> ApiTokens.parse("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no API tokens");
    assertThatThrownBy(() -> ApiTokens.parse("short")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("entry 1 of 1").hasMessageContaining("shorter than 16").hasMessageNotContaining("short,");
    assertThatThrownBy(() -> ApiTokens.parse(A + ",," + B)).hasMessageContaining("entry 2 of 3 is empty");
    assertThatThrownBy(() -> ApiTokens.parse(A + "," + A)).hasMessageContaining("repeats").hasMessageNotContaining(A);
    assertThatThrownBy(() -> ApiTokens.parse(A + ":")).hasMessageContaining("empty owner id");
    assertThatThrownBy(() -> ApiTokens.parse("token with spaces inside!")).hasMessageContaining("character");
  }

  @Test
  void toString_neverShowsAToken() {
    assertThat(ApiTokens.parse(A).toString()).doesNotContain(A).contains("1 token");
  }
}
