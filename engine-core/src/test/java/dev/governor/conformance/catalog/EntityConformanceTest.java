package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.ConflictException;
import dev.governor.NotFoundException;
import dev.governor.PageRequest;
import dev.governor.ValidationException;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityFilter;
import dev.governor.catalog.EntityUpsert;
import dev.governor.spi.GovernanceStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Entities of one owner: type, display name, metadata merge patch, timestamps, get and list (docs/semantics.md §2). */
public abstract class EntityConformanceTest extends CatalogConformanceBase {

  /** A new, unopened store; every test gets its own. */
  @Override
  protected abstract GovernanceStore newStore();

  @BeforeEach
  void seed() {
    seedCatalog();
  }

  @Test
  void upsert_newEntity_storedAsActiveRootWithClockTimestamps() {
    Instant now = clock.instant();

    List<Entity> out = entities().upsert(List.of(EntityUpsert.of(ORG).type("org")));

    Entity expected = new Entity(ORG, "org", null, Map.of(), null, null, now, now);
    assertThat(out).containsExactly(expected);
    assertThat(entities().get(ORG)).contains(expected);
  }

  @Test
  void upsert_batch_returnsItemsInBatchOrder() {
    List<Entity> out = entities().upsert(List.of(
        EntityUpsert.of("z").type("user"), EntityUpsert.of("a").type("user"), EntityUpsert.of("m").type("user")));

    assertThat(out).extracting(Entity::id).containsExactly("z", "a", "m");
  }

  @Test
  void upsert_typeMissingOnCreate_validationMissing() {
    ValidationException e = expectValidation(1, "typeId", () -> entities().upsert(List.of(
        EntityUpsert.of(ORG).type("org"), EntityUpsert.of(USER_ANN).displayName("Ann"))));

    assertThat(e.value()).isNull();
  }

  @Test
  void upsert_typeUnknown_notFoundTypeId() {
    NotFoundException e = expectNotFound(0, "typeId",
        () -> entities().upsert(List.of(EntityUpsert.of(ORG).type("tenant"))));

    assertQuotes(e, "tenant");
  }

  @ParameterizedTest
  @MethodSource("invalidIds")
  void upsert_typeIdInvalid_validationQuotingIt(String typeId) {
    ValidationException e = expectValidation(0, "typeId", () -> entities().upsert(List.of(EntityUpsert.of(ORG).type(typeId))));

    assertQuotes(e, typeId);
  }

  @Test
  void upsert_otherTypeOnUpdate_conflictTypeChange() {
    createEntity(ORG, "org");

    ConflictException e = expectConflict(0, "typeId", ConflictException.Reason.TYPE_CHANGE,
        () -> entities().upsert(List.of(EntityUpsert.of(ORG).type("team"))));

    assertQuotes(e, "team");
  }

  @Test
  void upsert_sameTypeOnUpdate_changesNothing() {
    createEntity(ORG, "org");
    CatalogSnapshot before = snapshot();
    tick();

    entities().upsert(List.of(EntityUpsert.of(ORG).type("org")));

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void upsert_typeNotSentOnUpdate_keepsType() {
    createEntity(ORG, "org");

    entities().upsert(List.of(EntityUpsert.of(ORG).displayName("Acme")));

    assertThat(entity(ORG).typeId()).isEqualTo("org");
  }

  @ParameterizedTest
  @MethodSource("invalidIds")
  void upsert_idInvalid_validationQuotingId(String id) {
    ValidationException e = expectValidation(0, "id", () -> entities().upsert(List.of(EntityUpsert.of(id).type("org"))));

    assertQuotes(e, id);
  }

  @ParameterizedTest
  @MethodSource("validIds")
  void upsert_idAtEdgeOfRule_accepted(String id) {
    createEntity(id, "org");

    assertThat(entities().get(id)).isPresent();
  }

  @Test
  void upsert_displayNameNotSentOnCreate_none() {
    assertThat(createEntity(ORG, "org").displayName()).isNull();
  }

  @Test
  void upsert_displayNameNotSentOnUpdate_keepsName() {
    entities().upsert(List.of(EntityUpsert.of(ORG).type("org").displayName("Acme")));

    entities().upsert(List.of(EntityUpsert.of(ORG).metadata("tier", "gold")));

    assertThat(entity(ORG).displayName()).isEqualTo("Acme");
  }

  @Test
  void upsert_displayNameSent_replacesName() {
    entities().upsert(List.of(EntityUpsert.of(ORG).type("org").displayName("Acme")));

    entities().upsert(List.of(EntityUpsert.of(ORG).displayName("Acme Corp")));

    assertThat(entity(ORG).displayName()).isEqualTo("Acme Corp");
  }

  @Test
  void upsert_clearDisplayName_removesName() {
    entities().upsert(List.of(EntityUpsert.of(ORG).type("org").displayName("Acme")));

    entities().upsert(List.of(EntityUpsert.of(ORG).clearDisplayName()));

    assertThat(entity(ORG).displayName()).isNull();
  }

  @ParameterizedTest
  @MethodSource("invalidEntityDisplayNames")
  void upsert_displayNameInvalid_validation(String name) {
    createEntity(ORG, "org");

    expectValidation(0, "displayName", () -> entities().upsert(List.of(EntityUpsert.of(ORG).displayName(name))));
  }

  @ParameterizedTest
  @MethodSource("c1ControlDisplayNames")
  void upsert_displayNameWithC1ControlCharacter_validation(String name) {
    expectValidation(0, "displayName", () -> entities().upsert(List.of(EntityUpsert.of(ORG).type("org").displayName(name))));
  }

  @Test
  void upsert_metadataNotSentOnCreate_empty() {
    assertThat(createEntity(ORG, "org").metadata()).isEmpty();
  }

  @Test
  void upsert_metadataNotSentOnUpdate_keepsAll() {
    entities().upsert(List.of(EntityUpsert.of(ORG).type("org").metadata(Map.of("tier", "gold", "region", "eu"))));

    entities().upsert(List.of(EntityUpsert.of(ORG).displayName("Acme")));

    assertThat(entity(ORG).metadata()).isEqualTo(Map.of("tier", "gold", "region", "eu"));
  }

  @Test
  void upsert_metadataPatch_overwritesSentKeysAndKeepsUnsentKeys() {
    entities().upsert(List.of(EntityUpsert.of(ORG).type("org").metadata(Map.of("tier", "gold", "region", "eu"))));

    entities().upsert(List.of(EntityUpsert.of(ORG).metadata(Map.of("tier", "platinum", "owner", "ann"))));

    assertThat(entity(ORG).metadata()).isEqualTo(Map.of("tier", "platinum", "region", "eu", "owner", "ann"));
  }

  @Test
  void upsert_metadataEmptyValue_deletesKey() {
    entities().upsert(List.of(EntityUpsert.of(ORG).type("org").metadata(Map.of("tier", "gold", "region", "eu"))));

    entities().upsert(List.of(EntityUpsert.of(ORG).metadata("tier", "")));

    assertThat(entity(ORG).metadata()).isEqualTo(Map.of("region", "eu"));
  }

  @Test
  void upsert_metadataEmptyValueForAbsentKey_changesNothing() {
    entities().upsert(List.of(EntityUpsert.of(ORG).type("org").metadata("region", "eu")));
    CatalogSnapshot before = snapshot();
    tick();

    entities().upsert(List.of(EntityUpsert.of(ORG).metadata("tier", "")));

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void upsert_metadataEmptyValueOnCreate_keyNotStored() {
    entities().upsert(List.of(EntityUpsert.of(ORG).type("org").metadata(Map.of("tier", "", "region", "eu"))));

    assertThat(entity(ORG).metadata()).isEqualTo(Map.of("region", "eu"));
  }

  @Test
  void upsert_metadataNullMap_validation() {
    createEntity(ORG, "org");

    expectValidation(0, "metadata", () -> entities().upsert(List.of(EntityUpsert.of(ORG).metadata(null))));
  }

  @Test
  void upsert_metadataNullValue_validationNamingKey() {
    createEntity(ORG, "org");

    expectValidation(0, "metadata.tier", () -> entities().upsert(List.of(EntityUpsert.of(ORG).metadata("tier", null))));
  }

  @Test
  void upsert_metadataKeyInvalid_validation() {
    createEntity(ORG, "org");
    Map<String, String> nullKey = new HashMap<>();
    nullKey.put(null, "x");

    for (Map<String, String> patch : List.of(Map.of("", "x"), Map.of("k".repeat(256), "x"), Map.of("a\nb", "x"),
        Map.of("a\u0000", "x"), Map.of("a\u007f", "x"), nullKey)) {
      expectValidation(0, "metadata", () -> entities().upsert(List.of(EntityUpsert.of(ORG).metadata(patch))));
    }
  }

  @Test
  void upsert_metadataKeyWithC1ControlCharacter_validation() {
    createEntity(ORG, "org");

    expectValidation(0, "metadata", () -> entities().upsert(List.of(EntityUpsert.of(ORG).metadata("tier\u009b", "gold"))));
  }

  @Test
  void upsert_metadataAtLimits_accepted() {
    Map<String, String> patch = Map.of("k".repeat(255), "v", "note", "n".repeat(4096), "ключ", "zna\u010denje \t tab");

    entities().upsert(List.of(EntityUpsert.of(ORG).type("org").metadata(patch)));

    assertThat(entity(ORG).metadata()).isEqualTo(patch);
  }

  @Test
  void upsert_metadataValueTooLong_validationNamingKey() {
    createEntity(ORG, "org");

    expectValidation(0, "metadata.note",
        () -> entities().upsert(List.of(EntityUpsert.of(ORG).metadata("note", "n".repeat(4097)))));
  }

  @Test
  void upsert_metadata100Keys_accepted() {
    entities().upsert(List.of(EntityUpsert.of(ORG).type("org").metadata(keys(0, 100))));

    assertThat(entity(ORG).metadata()).hasSize(100);
  }

  @Test
  void upsert_metadata101Keys_validation() {
    createEntity(ORG, "org");

    expectValidation(0, "metadata", () -> entities().upsert(List.of(EntityUpsert.of(ORG).metadata(keys(0, 101)))));
  }

  @Test
  void upsert_metadataMergeBeyond100Keys_validation() {
    entities().upsert(List.of(EntityUpsert.of(ORG).type("org").metadata(keys(0, 100))));

    expectValidation(0, "metadata", () -> entities().upsert(List.of(EntityUpsert.of(ORG).metadata("extra", "x"))));
  }

  @Test
  void upsert_metadataDeleteAndAddAt100Keys_accepted() {
    entities().upsert(List.of(EntityUpsert.of(ORG).type("org").metadata(keys(0, 100))));

    entities().upsert(List.of(EntityUpsert.of(ORG).metadata("k0", "").metadata("extra", "x")));

    assertThat(entity(ORG).metadata()).hasSize(100).containsEntry("extra", "x").doesNotContainKey("k0");
  }

  @Test
  void upsert_sameBatchSentAgain_changesNothing() {
    List<EntityUpsert> batch = List.of(
        EntityUpsert.of(ORG).type("org").displayName("Acme").metadata(Map.of("tier", "gold", "old", "")),
        EntityUpsert.of(TEAM_ENG).type("team").parent(ORG),
        EntityUpsert.of(USER_BOB).type("user").clearDisplayName().detachParent());
    List<Entity> first = entities().upsert(batch);
    CatalogSnapshot before = snapshot();
    tick();

    List<Entity> second = entities().upsert(batch);

    assertThat(second).isEqualTo(first);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void upsert_realChange_movesUpdatedAtAndKeepsCreatedAt() {
    Instant created = clock.instant();
    createEntity(ORG, "org");
    Instant changed = tick();

    Entity out = entities().upsert(List.of(EntityUpsert.of(ORG).metadata("tier", "gold"))).get(0);

    assertThat(out.createdAt()).isEqualTo(created);
    assertThat(out.updatedAt()).isEqualTo(changed);
    assertThat(entity(ORG)).isEqualTo(out);
  }

  @Test
  void upsert_archivedEntity_updatedAndStaysArchived() {
    createEntity(ORG, "org");
    Instant archivedAt = tick();
    entities().archive(List.of(ORG));
    tick();

    entities().upsert(List.of(EntityUpsert.of(ORG).displayName("Acme")));

    assertThat(entity(ORG).archivedAt()).isEqualTo(archivedAt);
    assertThat(entity(ORG).displayName()).isEqualTo("Acme");
  }

  @Test
  void get_unknownId_empty() {
    createEntity(ORG, "org");

    assertThat(entities().get(TEAM_ENG)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalidIds")
  void get_invalidId_validation(String id) {
    expectValidation(-1, "id", () -> entities().get(id));
  }

  @Test
  void list_default_activeEntitiesOfEveryType() {
    seedTree(OWNER);
    entities().archive(List.of(USER_BOB));

    assertThat(entities().list(PageRequest.first()).items()).extracting(Entity::id)
        .containsExactly(MODEL, ORG, TEAM_ENG, TEAM_OPS, USER_ANN);
  }

  @Test
  void list_typeFilter_onlyThatType() {
    seedTree(OWNER);

    assertThat(entities().list(EntityFilter.all().type("team"), PageRequest.first()).items()).extracting(Entity::id)
        .containsExactly(TEAM_ENG, TEAM_OPS);
  }

  @Test
  void list_typeFilterWithArchived_includesArchivedOfThatType() {
    seedTree(OWNER);
    entities().archive(List.of(USER_BOB));

    assertThat(entities().list(EntityFilter.all().type("user"), PageRequest.first()).items())
        .extracting(Entity::id).containsExactly(USER_ANN);
    assertThat(entities().list(EntityFilter.all().type("user").includingArchived(), PageRequest.first()).items())
        .extracting(Entity::id).containsExactly(USER_ANN, USER_BOB);
  }

  @ParameterizedTest
  @MethodSource("invalidTypeFilters")
  void list_typeFilterInvalid_validation(String typeId) {
    expectValidation(-1, "typeId", () -> entities().list(EntityFilter.all().type(typeId), PageRequest.first()));
  }

  @Test
  void list_nullFilter_validation() {
    expectValidation(-1, "filter", () -> entities().list(null, PageRequest.first()));
  }

  /** On entities a null display name means "clear", which is valid. */
  static Stream<String> invalidEntityDisplayNames() {
    return invalidDisplayNames().filter(Objects::nonNull);
  }

  /** A null type filter means "every type". */
  static Stream<String> invalidTypeFilters() {
    return invalidIds().filter(Objects::nonNull);
  }

  private static Map<String, String> keys(int from, int to) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = from; i < to; i++) {
      m.put("k" + i, "v" + i);
    }
    return m;
  }
}
