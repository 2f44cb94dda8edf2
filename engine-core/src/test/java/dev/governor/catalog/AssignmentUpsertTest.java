package dev.governor.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fluent assignment upsert: tri-state limit, anchor and parent; scope copied as sent. */
class AssignmentUpsertTest {

  @Test
  void of_entityAndCapability_nodeWideAndEverythingKept() {
    AssignmentUpsert u = AssignmentUpsert.of("team-eng", "ai-tokens");

    assertThat(u.entityId()).isEqualTo("team-eng");
    assertThat(u.capabilityId()).isEqualTo("ai-tokens");
    assertThat(u.scopeEntityIds()).isEmpty();
    assertThat(u.usageLimit().isKeep()).isTrue();
    assertThat(u.cadence().isKeep()).isTrue();
    assertThat(u.anchor().isKeep()).isTrue();
    assertThat(u.parentId().isKeep()).isTrue();
  }

  @Test
  void constructor_nullScopeAndPatches_nodeWideAndKept() {
    assertThat(new AssignmentUpsert("e", "c", null, null, null, null, null, null, null, null)).isEqualTo(AssignmentUpsert.of("e", "c"));
  }

  @Test
  void usageLimit_unlimited_setToNull() {
    assertThat(AssignmentUpsert.of("e", "c").usageLimit(5).usageLimit()).isEqualTo(Patch.set(5L));
    assertThat(AssignmentUpsert.of("e", "c").usageLimit(0).usageLimit()).isEqualTo(Patch.set(0L));
    assertThat(AssignmentUpsert.of("e", "c").usageLimit(5).unlimited().usageLimit()).isEqualTo(Patch.set(null));
  }

  @Test
  void cadence_textOrRecord_setAsText() {
    assertThat(AssignmentUpsert.of("e", "c").cadence("P1M").cadence()).isEqualTo(Patch.set("P1M"));
    assertThat(AssignmentUpsert.of("e", "c").cadence(Cadence.of(15, CadenceUnit.MINUTE)).cadence()).isEqualTo(Patch.set("PT15M"));
    assertThat(AssignmentUpsert.of("e", "c").cadence((Cadence) null).cadence()).isEqualTo(Patch.set(null));
  }

  @Test
  void anchor_setThenCleared_setThenNull() {
    Instant anchor = Instant.parse("2026-01-31T00:00:00Z");

    assertThat(AssignmentUpsert.of("e", "c").anchor(anchor).anchor()).isEqualTo(Patch.set(anchor));
    assertThat(AssignmentUpsert.of("e", "c").anchor(anchor).clearAnchor().anchor()).isEqualTo(Patch.set(null));
  }

  @Test
  void parent_idOrDetach_setOrNull() {
    assertThat(AssignmentUpsert.of("e", "c").parent("org").parentId()).isEqualTo(Patch.set("org"));
    assertThat(AssignmentUpsert.of("e", "c").parent("org").detachParent().parentId()).isEqualTo(Patch.set(null));
  }

  @Test
  void scope_varargs_keptAsSentForTheEngineToNormalize() {
    assertThat(AssignmentUpsert.of("e", "c").scope("b", "a", "b").scopeEntityIds()).containsExactly("b", "a", "b");
  }

  @Test
  void scope_nullArray_becomesNullIdSoTheEngineRejectsIt() {
    assertThat(AssignmentUpsert.of("e", "c").scope((String[]) null).scopeEntityIds()).containsExactly((String) null);
    assertThat(AssignmentUpsert.of("e", "c").scope((List<String>) null).scopeEntityIds()).containsExactly((String) null);
  }

  @Test
  void scope_sourceListChangedLater_upsertUnchangedAndUnmodifiable() {
    List<String> source = new ArrayList<>(List.of("m1"));
    AssignmentUpsert u = AssignmentUpsert.of("e", "c").scope(source);

    source.add("m2");

    assertThat(u.scopeEntityIds()).containsExactly("m1");
    assertThatThrownBy(() -> u.scopeEntityIds().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void fluentCalls_onBase_leaveBaseUnchanged() {
    AssignmentUpsert base = AssignmentUpsert.of("e", "c");

    base.scope("m").usageLimit(1).cadence("P1D").anchor(Instant.EPOCH).parent("p");

    assertThat(base).isEqualTo(AssignmentUpsert.of("e", "c"));
  }
}
