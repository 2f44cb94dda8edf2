package dev.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.governor.Quote;
import dev.governor.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The id rule: 1..255 characters, an ASCII letter or digit first, then letters, digits, _ | . - (and @ for owners). */
class IdsTest {
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  @Test
  void isValid_firstCharacter_onlyAsciiLetterOrDigit() {
    for (char c = 0; c < 0x3000; c++) {
      boolean expected = ALNUM.indexOf(c) >= 0;
      assertThat(Ids.isValid(c + "x", false)).as("first char U+%04X", (int) c).isEqualTo(expected);
      assertThat(Ids.isValid(c + "x", true)).as("owner first char U+%04X", (int) c).isEqualTo(expected);
    }
  }

  @Test
  void isValid_laterCharacter_lettersDigitsAndPunctuationOfTheRule() {
    for (char c = 0; c < 0x3000; c++) {
      boolean plain = ALNUM.indexOf(c) >= 0 || "_|.-".indexOf(c) >= 0;
      assertThat(Ids.isValid("x" + c, false)).as("char U+%04X", (int) c).isEqualTo(plain);
      assertThat(Ids.isValid("x" + c, true)).as("owner char U+%04X", (int) c).isEqualTo(plain || c == '@');
    }
  }

  @Test
  void isValid_length_oneTo255() {
    assertThat(Ids.isValid(null, false)).isFalse();
    assertThat(Ids.isValid("", false)).isFalse();
    assertThat(Ids.isValid("a", false)).isTrue();
    assertThat(Ids.isValid("a".repeat(255), false)).isTrue();
    assertThat(Ids.isValid("a".repeat(256), false)).isFalse();
    assertThat(Ids.isValid("a".repeat(256), true)).isFalse();
  }

  @Test
  void isValid_surrogatePair_rejected() {
    assertThat(Ids.isValid("org\ud83d\ude00", false)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " org", "org acme", "org\n", "-org", "x@y"})
  void require_invalid_validationWithIndexFieldAndQuote(String id) {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> Ids.require(3, "parentId", id));

    assertThat(e.index()).isEqualTo(3);
    assertThat(e.field()).isEqualTo("parentId");
    assertThat(e.value()).isEqualTo(Quote.of(id));
    assertThat(e.getMessage()).contains(Quote.of(id));
  }

  @Test
  void require_longInvalidId_quotedShortened() {
    String id = "x".repeat(300);

    ValidationException e = catchThrowableOfType(ValidationException.class, () -> Ids.require("id", id));

    assertThat(e.index()).isEqualTo(-1);
    assertThat(e.value()).isEqualTo(Quote.of(id)).endsWith("... (300 chars)");
    assertThat(e.getMessage()).hasSizeLessThan(400);
  }

  @Test
  void require_valid_returnsId() {
    assertThat(Ids.require(0, "id", "org_1|a.b-c")).isEqualTo("org_1|a.b-c");
  }

  @Test
  void requireOwner_atSign_acceptedButNotFirst() {
    assertThat(Ids.requireOwner("ann@example.com")).isEqualTo("ann@example.com");
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> Ids.requireOwner("@acme"));
    assertThat(e.field()).isEqualTo("ownerId");
    assertThat(e.value()).isEqualTo(Quote.of("@acme"));
  }
}
