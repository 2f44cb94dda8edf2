package dev.governor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quoting caller input for error messages: escaped, shortened, never able to forge a log line. */
class QuoteTest {

  @Test
  void of_null_unquotedNull() {
    assertThat(Quote.of(null)).isEqualTo("null");
  }

  @Test
  void of_plainText_wrappedInDoubleQuotes() {
    assertThat(Quote.of("org-acme")).isEqualTo("\"org-acme\"");
    assertThat(Quote.of("")).isEqualTo("\"\"");
  }

  @Test
  void of_nonString_usesItsText() {
    assertThat(Quote.of(42L)).isEqualTo("\"42\"");
  }

  @Test
  void of_quoteAndBackslash_escaped() {
    assertThat(Quote.of("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
  }

  @ParameterizedTest
  @CsvSource({
      "0, \\u0000",
      "10, \\u000a",
      "13, \\u000d",
      "27, \\u001b",
      "127, \\u007f",
      "133, \\u0085",
      "155, \\u009b",
      "160, \\u00a0",
      "8232, \\u2028",
      "8238, \\u202e"})
  void of_controlOrInvisibleCharacter_escapedAsUnicode(int code, String escaped) {
    assertThat(Quote.of("a" + (char) code + "b")).isEqualTo("\"a" + escaped + "b\"");
  }

  @Test
  void of_nonAsciiLettersAndDigits_keptAsIs() {
    assertThat(Quote.of("Örg組織٣")).isEqualTo("\"Örg組織٣\"");
  }

  @Test
  void of_80Characters_shownWhole() {
    String s = "x".repeat(80);

    assertThat(Quote.of(s)).isEqualTo("\"" + s + "\"");
  }

  @Test
  void of_longerThan80Characters_shortenedWithLength() {
    String s = "y".repeat(80) + "z".repeat(10_000);

    assertThat(Quote.of(s)).isEqualTo("\"" + "y".repeat(80) + "\"... (10080 chars)");
  }

  @Test
  void of_controlCharacterBeyondLimit_notShown() {
    assertThat(Quote.of("x".repeat(80) + "\n")).isEqualTo("\"" + "x".repeat(80) + "\"... (81 chars)");
  }
}
