package dev.governor.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The natural key treats scope as a set and orders node-wide budgets before scoped ones. */
class AssignmentKeyTest {

  @Test
  void of_scopeInAnyOrderWithDuplicates_equalKeys() {
    assertThat(AssignmentKey.of("e", "c", "b", "a", "b")).isEqualTo(AssignmentKey.of("e", "c", List.of("a", "b")));
    assertThat(AssignmentKey.of("e", "c", "b", "a").scopeEntityIds()).containsExactly("a", "b");
    assertThat(AssignmentKey.of("e", "c")).isEqualTo(AssignmentKey.of("e", "c", List.of()));
  }

  @Test
  void naturalOrder_shuffledKeys_entityThenCapabilityThenScope() {
    List<AssignmentKey> expected = List.of(
        AssignmentKey.of("a", "z"),
        AssignmentKey.of("b", "ai-tokens"),
        AssignmentKey.of("b", "ai-tokens", "m1"),
        AssignmentKey.of("b", "ai-tokens", "m1", "m2"),
        AssignmentKey.of("b", "ai-tokens", "m2"),
        AssignmentKey.of("b", "api-calls"));
    List<AssignmentKey> shuffled = new ArrayList<>(List.of(
        expected.get(4), expected.get(1), expected.get(5), expected.get(0), expected.get(3), expected.get(2)));

    shuffled.sort(AssignmentKey.naturalOrder());

    assertThat(shuffled).containsExactlyElementsOf(expected);
  }
}
