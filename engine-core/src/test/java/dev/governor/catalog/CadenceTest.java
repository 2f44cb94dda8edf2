package dev.governor.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.governor.Quote;
import dev.governor.ValidationException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Cadence parsing: single-unit ISO-8601 durations from one minute to 100 years (docs/semantics.md §1, §9). */
class CadenceTest {

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("PT1M", 1, CadenceUnit.MINUTE),
        Arguments.of("PT15M", 15, CadenceUnit.MINUTE),
        Arguments.of("PT1H", 1, CadenceUnit.HOUR),
        Arguments.of("PT24H", 24, CadenceUnit.HOUR),
        Arguments.of("P1D", 1, CadenceUnit.DAY),
        Arguments.of("P7D", 7, CadenceUnit.DAY),
        Arguments.of("P1W", 1, CadenceUnit.WEEK),
        Arguments.of("P1M", 1, CadenceUnit.MONTH),
        Arguments.of("P3M", 3, CadenceUnit.MONTH),
        Arguments.of("P1Y", 1, CadenceUnit.YEAR),
        // The longest cadence of each unit: 100 years, counting leap days and week 53.
        Arguments.of("PT52704000M", 52_704_000, CadenceUnit.MINUTE),
        Arguments.of("PT878400H", 878_400, CadenceUnit.HOUR),
        Arguments.of("P36600D", 36_600, CadenceUnit.DAY),
        Arguments.of("P5300W", 5_300, CadenceUnit.WEEK),
        Arguments.of("P1200M", 1_200, CadenceUnit.MONTH),
        Arguments.of("P100Y", 100, CadenceUnit.YEAR));
  }

  static Stream<String> rejected() {
    return Stream.of(
        "P0D", "PT0M", "P0Y",
        "P1M2D", "PT1H30M", "P1Y1M", "P1DT1H",
        "PT30S", "PT59S", "PT1S",
        "-P1M", "P-1D", "P+1D",
        "p1m", "pt1h", "P1d", "Pt1H",
        "P99999999Y", "P101Y", "P1201M", "P5301W", "P36601D", "PT878401H", "PT52704001M",
        "P1234567890123456Y",
        "", "P", "PT", "PD", "PTM", "P1", "PT1", "1M", "M",
        "P1.5D", "P1,5D", " P1D", "P1D ", "P 1D",
        "PT1D", "PT1W", "PT1Y", "P1H", "P1X", "P1S",
        "P\uff11D");
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void parse_acceptedText_amountAndUnit(String text, int amount, CadenceUnit unit) {
    Cadence c = Cadence.parse(text);

    assertThat(c.amount()).isEqualTo(amount);
    assertThat(c.unit()).isEqualTo(unit);
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void toString_acceptedText_roundTrips(String text, int amount, CadenceUnit unit) {
    Cadence c = Cadence.of(amount, unit);

    assertThat(c.toString()).isEqualTo(text);
    assertThat(Cadence.parse(c.toString())).isEqualTo(c);
  }

  @ParameterizedTest
  @MethodSource("rejected")
  void parse_rejectedText_validationQuotingInput(String text) {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> Cadence.parse(text));

    assertThat(e).as("parse(%s)", Quote.of(text)).isNotNull();
    assertThat(e.index()).isEqualTo(-1);
    assertThat(e.field()).isEqualTo("cadence");
    assertThat(e.value()).isEqualTo(Quote.of(text));
    assertThat(e.getMessage()).contains(Quote.of(text));
  }

  @Test
  void parse_null_validation() {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> Cadence.parse(null));

    assertThat(e.field()).isEqualTo("cadence");
  }

  @Test
  void parse_withIndexAndField_reportsThem() {
    ValidationException e = catchThrowableOfType(ValidationException.class, () -> Cadence.parse(4, "items.cadence", "P0D"));

    assertThat(e.index()).isEqualTo(4);
    assertThat(e.field()).isEqualTo("items.cadence");
  }

  @Test
  void of_amountOrUnitOutOfRange_validation() {
    assertThat(catchThrowableOfType(ValidationException.class, () -> Cadence.of(0, CadenceUnit.DAY))).isNotNull();
    assertThat(catchThrowableOfType(ValidationException.class, () -> Cadence.of(-1, CadenceUnit.HOUR))).isNotNull();
    assertThat(catchThrowableOfType(ValidationException.class, () -> Cadence.of(101, CadenceUnit.YEAR))).isNotNull();
    assertThat(catchThrowableOfType(ValidationException.class, () -> Cadence.of(1, null)).field()).isEqualTo("cadence.unit");
  }

  @Test
  void equals_unitWritten_distinguishesSameLength() {
    // P7D and P1W last equally long but align differently (Thursdays vs Mondays), so they differ.
    assertThat(Cadence.parse("P7D")).isNotEqualTo(Cadence.parse("P1W"));
    assertThat(Cadence.parse("P12M")).isNotEqualTo(Cadence.parse("P1Y"));
    assertThat(Cadence.parse("P7D").toString()).isEqualTo("P7D");
  }

  @Test
  void monthly_shorthand_isOneMonth() {
    assertThat(Cadence.monthly()).isEqualTo(Cadence.parse("P1M"));
  }
}
