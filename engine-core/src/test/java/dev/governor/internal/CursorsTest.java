package dev.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.governor.PageRequest;
import dev.governor.Quote;
import dev.governor.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Opaque cursors: they round-trip, and only decode under the list, owner and filters they were made for. */
class CursorsTest {
  private static final List<String> CONTEXT = Arrays.asList("entities", "cus-acme", null, "false");

  private static ValidationException rejected(String cursor, List<String> context) {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> Cursors.decode(cursor, context, "after"));
    assertThat(e).as("decode(%s)", cursor).isNotNull();
    assertThat(e.index()).isEqualTo(-1);
    assertThat(e.field()).isEqualTo("after");
    return e;
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decode_null_firstPage() {
    assertThat(Cursors.decode(null, CONTEXT, "after")).isNull();
  }

  @Test
  void encodeDecode_sameContext_positionRoundTrips() {
    List<String> position = List.of("org-acme", "", "ai-tokens", "Ω");

    assertThat(Cursors.decode(Cursors.encode(CONTEXT, position), CONTEXT, "after")).containsExactlyElementsOf(position);
  }

  @Test
  void encode_anyPosition_urlSafeWithoutPadding() {
    String cursor = Cursors.encode(CONTEXT, List.of("x".repeat(50)));

    assertThat(cursor).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void decode_otherContext_rejected() {
    String cursor = Cursors.encode(CONTEXT, List.of("org-acme"));

    rejected(cursor, Arrays.asList("entities", "cus-other", null, "false"));
    rejected(cursor, Arrays.asList("entities", "cus-acme", "team", "false"));
    rejected(cursor, Arrays.asList("entities", "cus-acme", null, "true"));
    rejected(cursor, List.of("entity-types"));
  }

  @Test
  void decode_nullAndEmptyContextParts_sameFilter() {
    String cursor = Cursors.encode(CONTEXT, List.of("org-acme"));

    assertThat(Cursors.decode(cursor, Arrays.asList("entities", "cus-acme", "", "false"), "after")).containsExactly("org-acme");
  }

  @Test
  void decode_trailingEmptyContextParts_notConfusedWithPosition() {
    // Regression: a context ending in empty parts used to run into the position.
    List<String> context = Arrays.asList("assignments", "cus-acme", null, null);
    String cursor = Cursors.encode(context, List.of("org-acme", "ai-tokens"));

    assertThat(Cursors.decode(cursor, context, "after")).containsExactly("org-acme", "ai-tokens");
    rejected(cursor, Arrays.asList("assignments", "cus-acme", null));
    rejected(cursor, Arrays.asList("assignments", "cus-acme", null, null, null));
    rejected(cursor, Arrays.asList("assignments", "cus-acme", "org-acme", null));
  }

  @Test
  void decode_filterValueInAnotherField_rejected() {
    String cursor = Cursors.encode(Arrays.asList("assignments", "cus-acme", "x", null), List.of("p"));

    rejected(cursor, Arrays.asList("assignments", "cus-acme", null, "x"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "garbage!", " ", "Zm9v", "g1", "%%%", "eyJhZnRlciI6Im9yZy1hY21lIn0="})
  void decode_garbage_rejectedQuotingIt(String cursor) {
    assertThat(rejected(cursor, CONTEXT).getMessage()).contains(Quote.of(cursor));
  }

  @Test
  void decode_otherVersion_rejected() {
    rejected(base64("g0\u0000entities\u0000cus-acme\u0000\u0000false\u0001org"), CONTEXT);
  }

  @Test
  void decode_overlong_rejectedAndShortenedInMessage() {
    String cursor = Cursors.encode(CONTEXT, List.of("x".repeat(60_000)));

    ValidationException e = rejected(cursor, CONTEXT);

    assertThat(e.getMessage()).hasSizeLessThan(500);
  }

  @Test
  void limit_inRange_returned() {
    assertThat(Cursors.limit(PageRequest.first(1))).isEqualTo(1);
    assertThat(Cursors.limit(PageRequest.first(100))).isEqualTo(100);
    assertThat(Cursors.limit(PageRequest.first())).isEqualTo(20);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void limit_outOfRange_validationLimit(int limit) {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> Cursors.limit(PageRequest.first(limit)));

    assertThat(e.field()).isEqualTo("limit");
    assertThat(e.value()).isEqualTo(Quote.of(limit));
  }

  @Test
  void limit_nullRequest_validationPage() {
    assertThat(catchThrowableOfType(ValidationException.class, () -> Cursors.limit(null)).field()).isEqualTo("page");
  }

  @Test
  void position_beforeCursor_backwardAndRejectionsNameBefore() {
    String cursor = Cursors.encode(CONTEXT, List.of("org-acme"));

    Cursors.Position at = Cursors.position(PageRequest.before(cursor), CONTEXT);

    assertThat(at.backward()).isTrue();
    assertThat(at.parts()).containsExactly("org-acme");
    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> Cursors.position(PageRequest.before("garbage!"), CONTEXT));
    assertThat(e.field()).isEqualTo("before");
  }

  @Test
  void position_afterAndBefore_rejectedOnBefore() {
    String cursor = Cursors.encode(CONTEXT, List.of("org-acme"));

    ValidationException e = catchThrowableOfType(ValidationException.class,
        () -> Cursors.position(new PageRequest(20, cursor, cursor), CONTEXT));

    assertThat(e.field()).isEqualTo("before");
    assertThat(e.getMessage()).contains("after");
  }

  @Test
  void position_noCursor_firstPage() {
    assertThat(Cursors.position(PageRequest.first(), CONTEXT)).isNull();
  }
}
