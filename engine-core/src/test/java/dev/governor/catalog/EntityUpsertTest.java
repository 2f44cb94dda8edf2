package dev.governor.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fluent entity upsert builds keep / set / clear patches and never mutates itself. */
class EntityUpsertTest {

  @Test
  void of_id_everyFieldKept() {
    EntityUpsert u = EntityUpsert.of("team-eng");

    assertThat(u.id()).isEqualTo("team-eng");
    assertThat(u.typeId().isKeep()).isTrue();
    assertThat(u.displayName().isKeep()).isTrue();
    assertThat(u.metadata().isKeep()).isTrue();
    assertThat(u.parentId().isKeep()).isTrue();
  }

  @Test
  void constructor_nullPatches_kept() {
    EntityUpsert u = new EntityUpsert("x", null, null, null, null);

    assertThat(u.typeId().isKeep()).isTrue();
    assertThat(u.displayName().isKeep()).isTrue();
    assertThat(u.metadata().isKeep()).isTrue();
    assertThat(u.parentId().isKeep()).isTrue();
  }

  @Test
  void typeAndDisplayName_sent_set() {
    EntityUpsert u = EntityUpsert.of("x").type("team").displayName("Eng");

    assertThat(u.typeId()).isEqualTo(Patch.set("team"));
    assertThat(u.displayName()).isEqualTo(Patch.set("Eng"));
  }

  @Test
  void clearDisplayName_afterName_setToNull() {
    assertThat(EntityUpsert.of("x").displayName("Eng").clearDisplayName().displayName()).isEqualTo(Patch.set(null));
  }

  @Test
  void parent_idOrDetach_setOrNull() {
    assertThat(EntityUpsert.of("x").parent("org").parentId()).isEqualTo(Patch.set("org"));
    assertThat(EntityUpsert.of("x").parent("org").detachParent().parentId()).isEqualTo(Patch.set(null));
    assertThat(EntityUpsert.of("x").parent(null).parentId()).isEqualTo(Patch.set(null));
  }

  @Test
  void metadata_successiveCalls_mergedLaterWins() {
    EntityUpsert u = EntityUpsert.of("x").metadata("a", "1").metadata(Map.of("b", "2", "c", "3")).metadata("a", "");

    assertThat(u.metadata().value()).isEqualTo(Map.of("a", "", "b", "2", "c", "3"));
  }

  @Test
  void metadata_nullMap_setToNullSoTheEngineRejectsIt() {
    assertThat(EntityUpsert.of("x").metadata("a", "1").metadata(null).metadata()).isEqualTo(Patch.set(null));
  }

  @Test
  void metadata_afterNullMap_startsAfresh() {
    assertThat(EntityUpsert.of("x").metadata(null).metadata("a", "1").metadata().value()).isEqualTo(Map.of("a", "1"));
  }

  @Test
  void metadata_nullValue_keptForTheEngineToReject() {
    assertThat(EntityUpsert.of("x").metadata("a", null).metadata().value()).containsEntry("a", null);
  }

  @Test
  void metadata_sourceMapChangedLater_patchUnchangedAndUnmodifiable() {
    Map<String, String> source = new HashMap<>(Map.of("a", "1"));
    EntityUpsert u = EntityUpsert.of("x").metadata(source);

    source.put("b", "2");

    assertThat(u.metadata().value()).isEqualTo(Map.of("a", "1"));
    assertThatThrownBy(() -> u.metadata().value().put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void fluentCalls_onBase_leaveBaseUnchanged() {
    EntityUpsert base = EntityUpsert.of("x");

    base.type("team").displayName("n").metadata("a", "1").parent("p");

    assertThat(base).isEqualTo(EntityUpsert.of("x"));
  }
}
