package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.PageRequest;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityFilter;
import dev.governor.catalog.EntityUpsert;
import dev.governor.spi.GovernanceStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Archive and unarchive: a reversible soft delete (docs/semantics.md §2). */
public abstract class EntityArchiveConformanceTest extends CatalogConformanceBase {

  /** A new, unopened store; every test gets its own. */
  @Override
  protected abstract GovernanceStore newStore();

  @BeforeEach
  void seed() {
    seedTree(OWNER);
  }

  private List<String> listedIds(EntityFilter filter) {
    return entities().list(filter, PageRequest.first(100)).items().stream().map(Entity::id).toList();
  }

  @Test
  void archive_activeEntity_stampsArchivedAtAndUpdatedAt() {
    Instant created = entity(USER_BOB).createdAt();
    Instant now = tick();

    List<Entity> out = entities().archive(List.of(USER_BOB));

    assertThat(out).containsExactly(entity(USER_BOB));
    assertThat(entity(USER_BOB).archivedAt()).isEqualTo(now);
    assertThat(entity(USER_BOB).updatedAt()).isEqualTo(now);
    assertThat(entity(USER_BOB).createdAt()).isEqualTo(created);
    assertThat(entity(USER_BOB).isArchived()).isTrue();
  }

  @Test
  void archive_entity_hiddenFromListButReadableById() {
    entities().archive(List.of(USER_BOB));

    assertThat(listedIds(EntityFilter.all())).doesNotContain(USER_BOB);
    assertThat(listedIds(EntityFilter.all().includingArchived())).contains(USER_BOB);
    assertThat(entities().get(USER_BOB)).isPresent();
  }

  @Test
  void archive_severalIds_returnedInOrderGiven() {
    List<Entity> out = entities().archive(List.of(USER_BOB, MODEL, USER_ANN));

    assertThat(out).extracting(Entity::id).containsExactly(USER_BOB, MODEL, USER_ANN);
  }

  @Test
  void archive_alreadyArchived_changesNothing() {
    entities().archive(List.of(USER_BOB));
    Entity archived = entity(USER_BOB);
    CatalogSnapshot before = snapshot();
    tick();

    List<Entity> out = entities().archive(List.of(USER_BOB));

    assertThat(out).containsExactly(archived);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void archive_unknownIdInBatch_notFoundAndNothingArchived() {
    expectNotFound(1, "ids", () -> entities().archive(List.of(USER_BOB, "user-ghost", MODEL)));
  }

  @ParameterizedTest
  @MethodSource("invalidIds")
  void archive_invalidId_validation(String id) {
    expectValidation(1, "ids", () -> entities().archive(Arrays.asList(USER_BOB, id)));
  }

  @Test
  void unarchive_archivedEntity_activeAndListedAgain() {
    entities().archive(List.of(USER_BOB));
    Instant now = tick();

    List<Entity> out = entities().unarchive(List.of(USER_BOB));

    assertThat(out).containsExactly(entity(USER_BOB));
    assertThat(entity(USER_BOB).archivedAt()).isNull();
    assertThat(entity(USER_BOB).updatedAt()).isEqualTo(now);
    assertThat(listedIds(EntityFilter.all())).contains(USER_BOB);
  }

  @Test
  void unarchive_activeEntity_changesNothing() {
    CatalogSnapshot before = snapshot();
    tick();

    entities().unarchive(List.of(USER_BOB));

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void unarchive_unknownIdInBatch_notFoundAndNothingUnarchived() {
    entities().archive(List.of(USER_BOB));

    expectNotFound(1, "ids", () -> entities().unarchive(List.of(USER_BOB, "user-ghost")));
  }

  @Test
  void archive_nodeWithChildren_allowedAndChildrenKeepParent() {
    entities().archive(List.of(ORG));

    assertThat(entity(ORG).isArchived()).isTrue();
    assertThat(entity(TEAM_ENG).parentId()).isEqualTo(ORG);
    assertThat(entity(TEAM_OPS).parentId()).isEqualTo(ORG);
    assertThat(listedIds(EntityFilter.all())).contains(TEAM_ENG, TEAM_OPS);
  }

  @Test
  void archive_thenUnarchive_restoresEverythingButUpdatedAt() {
    Entity before = entity(TEAM_ENG);
    entities().archive(List.of(TEAM_ENG));
    Instant now = tick();

    entities().unarchive(List.of(TEAM_ENG));

    Entity after = entity(TEAM_ENG);
    assertThat(after).usingRecursiveComparison().ignoringFields("updatedAt").isEqualTo(before);
    assertThat(after.updatedAt()).isEqualTo(now);
  }

  @Test
  void upsert_archivedEntityResentWithSameFields_changesNothing() {
    entities().archive(List.of(USER_ANN));
    CatalogSnapshot before = snapshot();
    tick();

    entities().upsert(List.of(EntityUpsert.of(USER_ANN).type("user").parent(TEAM_ENG)));

    assertThat(snapshot()).isEqualTo(before);
  }
}
