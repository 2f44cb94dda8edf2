package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.ConflictException;
import dev.governor.EntityTypeCatalog;
import dev.governor.PageRequest;
import dev.governor.ValidationException;
import dev.governor.catalog.EntityType;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.spi.GovernanceStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Entity types: create, partial update, attribution-key ownership, timestamps (docs/semantics.md §1, §2). */
public abstract class EntityTypeConformanceTest extends CatalogConformanceBase {

  /** A new, unopened store; every test gets its own. */
  @Override
  protected abstract GovernanceStore newStore();

  private EntityTypeCatalog types() {
    return engine.entityTypes();
  }

  private static EntityTypeUpsert org() {
    return EntityTypeUpsert.of("org").displayName("Organization").attributionKeys("orgId");
  }

  @Test
  void upsert_newType_storedWithClockTimestamps() {
    Instant now = clock.instant();

    List<EntityType> out = types().upsert(List.of(org()));

    EntityType expected = new EntityType("org", "Organization", List.of("orgId"), now, now);
    assertThat(out).containsExactly(expected);
    assertThat(types().get("org")).contains(expected);
  }

  @Test
  void upsert_batch_returnsItemsInBatchOrder() {
    List<EntityType> out = types().upsert(List.of(
        EntityTypeUpsert.of("zeta").displayName("Z"),
        EntityTypeUpsert.of("alpha").displayName("A"),
        EntityTypeUpsert.of("mid").displayName("M")));

    assertThat(out).extracting(EntityType::id).containsExactly("zeta", "alpha", "mid");
  }

  @Test
  void upsert_displayNameMissingOnCreate_validationMissing() {
    ValidationException e = expectValidation(1, "displayName", () -> types().upsert(List.of(
        org(), EntityTypeUpsert.of("team").attributionKeys("teamId"))));

    assertThat(e.value()).isNull();
  }

  @ParameterizedTest
  @MethodSource("invalidDisplayNames")
  void upsert_displayNameInvalid_validation(String name) {
    expectValidation(0, "displayName", () -> types().upsert(List.of(EntityTypeUpsert.of("org").displayName(name))));
  }

  @ParameterizedTest
  @MethodSource("c1ControlDisplayNames")
  void upsert_displayNameWithC1ControlCharacter_validation(String name) {
    expectValidation(0, "displayName", () -> types().upsert(List.of(EntityTypeUpsert.of("org").displayName(name))));
  }

  @Test
  void upsert_displayNameAtLimits_accepted() {
    types().upsert(List.of(
        EntityTypeUpsert.of("a").displayName("x".repeat(255)),
        EntityTypeUpsert.of("b").displayName("Organização 組織"),
        EntityTypeUpsert.of("c").displayName("O")));

    assertThat(types().get("a").orElseThrow().displayName()).hasSize(255);
    assertThat(types().get("b").orElseThrow().displayName()).isEqualTo("Organização 組織");
  }

  @Test
  void upsert_displayNameOmittedOnUpdate_keepsName() {
    types().upsert(List.of(org()));

    types().upsert(List.of(EntityTypeUpsert.of("org").attributionKeys("orgId", "tenantId")));

    assertThat(types().get("org").orElseThrow().displayName()).isEqualTo("Organization");
  }

  @Test
  void upsert_attributionKeysOmittedOnUpdate_keepsKeys() {
    types().upsert(List.of(org()));

    types().upsert(List.of(EntityTypeUpsert.of("org").displayName("Org")));

    assertThat(types().get("org").orElseThrow().attributionKeys()).containsExactly("orgId");
  }

  @Test
  void upsert_attributionKeysNotSentOnCreate_none() {
    types().upsert(List.of(EntityTypeUpsert.of("region").displayName("Region")));

    assertThat(types().get("region").orElseThrow().attributionKeys()).isEmpty();
  }

  @Test
  void upsert_attributionKeysUnsortedWithDuplicates_storedSortedWithoutDuplicates() {
    types().upsert(List.of(EntityTypeUpsert.of("team").displayName("Team")
        .attributionKeys("teamId", "orgTeam", "teamId", "Team2", "a1")));

    assertThat(types().get("team").orElseThrow().attributionKeys()).containsExactly("Team2", "a1", "orgTeam", "teamId");
  }

  @Test
  void upsert_attributionKeysSent_replaceStoredKeys() {
    types().upsert(List.of(org().attributionKeys("orgId", "tenantId")));

    types().upsert(List.of(EntityTypeUpsert.of("org").attributionKeys("accountId")));

    assertThat(types().get("org").orElseThrow().attributionKeys()).containsExactly("accountId");
  }

  @Test
  void upsert_attributionKeysEmpty_removesAllKeys() {
    types().upsert(List.of(org()));

    types().upsert(List.of(EntityTypeUpsert.of("org").attributionKeys(List.of())));

    assertThat(types().get("org").orElseThrow().attributionKeys()).isEmpty();
  }

  @Test
  void upsert_keyOwnedByAnotherType_conflictAttributionKeyOwned() {
    types().upsert(List.of(org()));

    ConflictException e = expectConflict(0, "attributionKeys", ConflictException.Reason.ATTRIBUTION_KEY_OWNED,
        () -> types().upsert(List.of(EntityTypeUpsert.of("tenant").displayName("Tenant").attributionKeys("tenantId", "orgId"))));

    assertQuotes(e, "orgId");
  }

  @Test
  void upsert_existingTypeTakesKeyOfAnother_conflictAttributionKeyOwned() {
    types().upsert(List.of(org(), EntityTypeUpsert.of("team").displayName("Team").attributionKeys("teamId")));

    expectConflict(0, "attributionKeys", ConflictException.Reason.ATTRIBUTION_KEY_OWNED,
        () -> types().upsert(List.of(EntityTypeUpsert.of("team").attributionKeys("teamId", "orgId"))));
  }

  @Test
  void upsert_keyClaimedEarlierInSameBatch_conflictAtLaterIndex() {
    expectConflict(1, "attributionKeys", ConflictException.Reason.ATTRIBUTION_KEY_OWNED, () -> types().upsert(List.of(
        org(), EntityTypeUpsert.of("tenant").displayName("Tenant").attributionKeys("orgId"))));
  }

  @Test
  void upsert_keyReleasedEarlierInSameBatch_canBeClaimed() {
    types().upsert(List.of(org()));

    types().upsert(List.of(
        EntityTypeUpsert.of("org").attributionKeys(List.of()),
        EntityTypeUpsert.of("tenant").displayName("Tenant").attributionKeys("orgId")));

    assertThat(types().get("org").orElseThrow().attributionKeys()).isEmpty();
    assertThat(types().get("tenant").orElseThrow().attributionKeys()).containsExactly("orgId");
  }

  @Test
  void upsert_keyReleasedByEarlierUpsert_canBeClaimed() {
    types().upsert(List.of(org()));
    types().upsert(List.of(EntityTypeUpsert.of("org").attributionKeys("accountId")));

    types().upsert(List.of(EntityTypeUpsert.of("tenant").displayName("Tenant").attributionKeys("orgId")));

    assertThat(types().get("tenant").orElseThrow().attributionKeys()).containsExactly("orgId");
  }

  @Test
  void upsert_ownKeysSentAgain_accepted() {
    types().upsert(List.of(org()));

    types().upsert(List.of(EntityTypeUpsert.of("org").attributionKeys("orgId", "tenantId")));

    assertThat(types().get("org").orElseThrow().attributionKeys()).containsExactly("orgId", "tenantId");
  }

  @ParameterizedTest
  @MethodSource("invalidIds")
  void upsert_attributionKeyInvalid_validationQuotingKey(String key) {
    ValidationException e = expectValidation(0, "attributionKeys[1]",
        () -> types().upsert(List.of(org().attributionKeys(Arrays.asList("orgId", key)))));

    assertQuotes(e, key);
  }

  @Test
  void upsert_attributionKeysNull_validation() {
    expectValidation(0, "attributionKeys",
        () -> types().upsert(List.of(EntityTypeUpsert.of("org").displayName("Org").attributionKeys((List<String>) null))));
  }

  @ParameterizedTest
  @MethodSource("invalidIds")
  void upsert_idInvalid_validationQuotingId(String id) {
    ValidationException e = expectValidation(1, "id",
        () -> types().upsert(List.of(org(), EntityTypeUpsert.of(id).displayName("Bad"))));

    assertQuotes(e, id);
  }

  @ParameterizedTest
  @MethodSource("validIds")
  void upsert_idAtEdgeOfRule_accepted(String id) {
    types().upsert(List.of(EntityTypeUpsert.of(id).displayName("Edge")));

    assertThat(types().get(id)).isPresent();
  }

  @Test
  void upsert_sameBatchSentAgain_changesNothing() {
    List<EntityTypeUpsert> batch = List.of(org(), EntityTypeUpsert.of("team").displayName("Team").attributionKeys("teamId"));
    List<EntityType> first = types().upsert(batch);
    CatalogSnapshot before = snapshot();
    tick();

    List<EntityType> second = types().upsert(batch);

    assertThat(second).isEqualTo(first);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void upsert_keysSentInAnotherOrder_changesNothing() {
    types().upsert(List.of(org().attributionKeys("orgId", "tenantId")));
    CatalogSnapshot before = snapshot();
    tick();

    types().upsert(List.of(EntityTypeUpsert.of("org").attributionKeys("tenantId", "orgId", "tenantId")));

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void upsert_realChange_movesUpdatedAtAndKeepsCreatedAt() {
    Instant created = clock.instant();
    types().upsert(List.of(org()));
    Instant changed = tick();

    EntityType out = types().upsert(List.of(EntityTypeUpsert.of("org").displayName("Org"))).get(0);

    assertThat(out.createdAt()).isEqualTo(created);
    assertThat(out.updatedAt()).isEqualTo(changed);
    assertThat(types().get("org")).contains(out);
  }

  @Test
  void get_unknownId_empty() {
    types().upsert(List.of(org()));

    assertThat(types().get("team")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalidIds")
  void get_invalidId_validation(String id) {
    expectValidation(-1, "id", () -> types().get(id));
  }

  @Test
  void list_types_orderedById() {
    types().upsert(List.of(
        EntityTypeUpsert.of("user").displayName("U"),
        EntityTypeUpsert.of("Agent").displayName("A"),
        EntityTypeUpsert.of("org").displayName("O"),
        EntityTypeUpsert.of("9th").displayName("N")));

    assertThat(types().list(PageRequest.first()).items()).extracting(EntityType::id)
        .containsExactly("9th", "Agent", "org", "user");
  }
}
