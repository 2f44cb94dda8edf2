package dev.governor.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fluent entity-type upsert: unset fields are kept, key lists are copied as sent. */
class EntityTypeUpsertTest {

  @Test
  void of_id_everyFieldKept() {
    EntityTypeUpsert u = EntityTypeUpsert.of("org");

    assertThat(u.displayName().isKeep()).isTrue();
    assertThat(u.attributionKeys().isKeep()).isTrue();
    assertThat(new EntityTypeUpsert("org", null, null)).isEqualTo(u);
  }

  @Test
  void attributionKeys_varargs_setAsSentForTheEngineToNormalize() {
    EntityTypeUpsert u = EntityTypeUpsert.of("org").displayName("Org").attributionKeys("b", "a", "b");

    assertThat(u.displayName()).isEqualTo(Patch.set("Org"));
    assertThat(u.attributionKeys().value()).containsExactly("b", "a", "b");
  }

  @Test
  void attributionKeys_null_setToNullSoTheEngineRejectsIt() {
    assertThat(EntityTypeUpsert.of("org").attributionKeys((String[]) null).attributionKeys()).isEqualTo(Patch.set(null));
    assertThat(EntityTypeUpsert.of("org").attributionKeys((List<String>) null).attributionKeys()).isEqualTo(Patch.set(null));
  }

  @Test
  void attributionKeys_sourceListChangedLater_patchUnchangedAndUnmodifiable() {
    List<String> source = new ArrayList<>(List.of("orgId"));
    EntityTypeUpsert u = EntityTypeUpsert.of("org").attributionKeys(source);

    source.add("tenantId");

    assertThat(u.attributionKeys().value()).containsExactly("orgId");
    assertThatThrownBy(() -> u.attributionKeys().value().add("x")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void fluentCalls_onBase_leaveBaseUnchanged() {
    EntityTypeUpsert base = EntityTypeUpsert.of("org");

    base.displayName("Org").attributionKeys("orgId");

    assertThat(base).isEqualTo(EntityTypeUpsert.of("org"));
  }
}
