package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.PageRequest;
import dev.governor.ValidationException;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentFilter;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.Cadence;
import dev.governor.catalog.CadenceUnit;
import dev.governor.catalog.EntityUpsert;
import dev.governor.spi.GovernanceStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Assignment upserts: natural key, required fields on create, limit, cadence, anchor, scope (docs/semantics.md §2). */
public abstract class AssignmentConformanceTest extends CatalogConformanceBase {

  /** A new, unopened store; every test gets its own. */
  @Override
  protected abstract GovernanceStore newStore();

  @BeforeEach
  void seed() {
    seedTree(OWNER);
  }

  private Assignment upsertOne(AssignmentUpsert item) {
    return assignments().upsert(List.of(item)).get(0);
  }

  @Test
  void upsert_newBudget_createdWithIdAndClockTimestamps() {
    Instant now = clock.instant();

    Assignment a = upsertOne(AssignmentUpsert.of(TEAM_ENG, TOKENS).usageLimit(10_000).cadence("P1M"));

    assertThat(a.id()).isNotNull();
    assertThat(a).isEqualTo(new Assignment(a.id(), TEAM_ENG, TOKENS, Set.of(), 10_000L, null, List.of(),
        Cadence.of(1, CadenceUnit.MONTH), null, null, ORG, now, now));
    assertThat(assignments().get(a.id())).contains(a);
    assertThat(assignments().get(AssignmentKey.of(TEAM_ENG, TOKENS))).contains(a);
  }

  @Test
  void upsert_batch_returnsItemsInBatchOrderWithDistinctIds() {
    List<Assignment> out = assignments().upsert(List.of(
        budget(USER_BOB, TOKENS), budget(ORG, CALLS), budget(ORG, TOKENS)));

    assertThat(out).extracting(Assignment::key).containsExactly(
        AssignmentKey.of(USER_BOB, TOKENS), AssignmentKey.of(ORG, CALLS), AssignmentKey.of(ORG, TOKENS));
    assertThat(out).extracting(Assignment::id).doesNotHaveDuplicates();
  }

  @Test
  void upsert_usageLimitMissingOnCreate_validationMissing() {
    ValidationException e = expectValidation(1, "usageLimit", () -> assignments().upsert(List.of(
        budget(ORG, TOKENS), AssignmentUpsert.of(TEAM_ENG, TOKENS).cadence("P1M"))));

    assertThat(e.value()).isNull();
  }

  @Test
  void upsert_cadenceMissingOnCreate_validationMissing() {
    ValidationException e = expectValidation(1, "cadence", () -> assignments().upsert(List.of(
        budget(ORG, TOKENS), AssignmentUpsert.of(TEAM_ENG, TOKENS).usageLimit(5))));

    assertThat(e.value()).isNull();
  }

  @Test
  void upsert_limitAndCadenceNotSentOnUpdate_kept() {
    upsertOne(AssignmentUpsert.of(ORG, TOKENS).usageLimit(500).cadence("P1D"));

    Assignment a = upsertOne(AssignmentUpsert.of(ORG, TOKENS));

    assertThat(a.usageLimit()).isEqualTo(500L);
    assertThat(a.cadence()).isEqualTo(Cadence.parse("P1D"));
  }

  @Test
  void upsert_limitSentOnUpdate_replacesOnlyLimit() {
    Assignment created = upsertOne(AssignmentUpsert.of(ORG, TOKENS).usageLimit(500).cadence("P1D"));

    Assignment a = upsertOne(AssignmentUpsert.of(ORG, TOKENS).usageLimit(750));

    assertThat(a.id()).isEqualTo(created.id());
    assertThat(a.usageLimit()).isEqualTo(750L);
    assertThat(a.cadence()).isEqualTo(Cadence.parse("P1D"));
  }

  @Test
  void upsert_cadenceSentOnUpdate_replacesOnlyCadence() {
    upsertOne(AssignmentUpsert.of(ORG, TOKENS).usageLimit(500).cadence("P1D"));

    Assignment a = upsertOne(AssignmentUpsert.of(ORG, TOKENS).cadence("PT1H"));

    assertThat(a.usageLimit()).isEqualTo(500L);
    assertThat(a.cadence()).isEqualTo(Cadence.parse("PT1H"));
  }

  @Test
  void upsert_unlimited_storesNullLimit() {
    Assignment a = upsertOne(AssignmentUpsert.of(ORG, TOKENS).unlimited().cadence("P1M"));

    assertThat(a.usageLimit()).isNull();
    assertThat(a.isUnlimited()).isTrue();
  }

  @Test
  void upsert_unlimitedOnUpdate_replacesLimitWithNull() {
    upsertOne(budget(ORG, TOKENS));

    assertThat(upsertOne(AssignmentUpsert.of(ORG, TOKENS).unlimited()).usageLimit()).isNull();
    assertThat(upsertOne(AssignmentUpsert.of(ORG, TOKENS).usageLimit(3)).usageLimit()).isEqualTo(3L);
  }

  @Test
  void upsert_limitZero_accepted() {
    assertThat(upsertOne(AssignmentUpsert.of(ORG, TOKENS).usageLimit(0).cadence("P1M")).usageLimit()).isZero();
  }

  @Test
  void upsert_limitMaxLong_accepted() {
    assertThat(upsertOne(AssignmentUpsert.of(ORG, TOKENS).usageLimit(Long.MAX_VALUE).cadence("P1M")).usageLimit())
        .isEqualTo(Long.MAX_VALUE);
  }

  @ParameterizedTest
  @ValueSource(longs = {-1, Long.MIN_VALUE})
  void upsert_limitNegative_validation(long limit) {
    upsertOne(budget(ORG, TOKENS));

    ValidationException e = expectValidation(0, "usageLimit",
        () -> upsertOne(AssignmentUpsert.of(ORG, TOKENS).usageLimit(limit)));

    assertQuotes(e, Long.toString(limit));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT1M", "PT15M", "PT1H", "P1D", "P7D", "P1W", "P1M", "P3M", "P1Y", "P100Y"})
  void upsert_cadenceAccepted_storedAsWritten(String iso) {
    Assignment a = upsertOne(AssignmentUpsert.of(ORG, TOKENS).usageLimit(1).cadence(iso));

    assertThat(a.cadence().toString()).isEqualTo(iso);
    assertThat(assignments().get(a.id()).orElseThrow().cadence()).isEqualTo(Cadence.parse(iso));
  }

  @ParameterizedTest
  @MethodSource("rejectedCadences")
  void upsert_cadenceRejected_validationQuotingInput(String iso) {
    ValidationException e = expectValidation(1, "cadence", () -> assignments().upsert(List.of(
        budget(ORG, CALLS), AssignmentUpsert.of(ORG, TOKENS).usageLimit(1).cadence(iso))));

    assertQuotes(e, iso);
  }

  @Test
  void upsert_cadenceNull_validation() {
    expectValidation(0, "cadence", () -> upsertOne(AssignmentUpsert.of(ORG, TOKENS).usageLimit(1).cadence((String) null)));
  }

  @Test
  void upsert_cadenceAsRecord_sameAsText() {
    Assignment a = upsertOne(AssignmentUpsert.of(ORG, TOKENS).usageLimit(1).cadence(Cadence.of(3, CadenceUnit.MONTH)));

    assertThat(a.cadence().toString()).isEqualTo("P3M");
  }

  @Test
  void upsert_anchorNotSent_none() {
    assertThat(upsertOne(budget(ORG, TOKENS)).anchor()).isNull();
  }

  @Test
  void upsert_anchorWithNanos_truncatedToMillis() {
    Assignment a = upsertOne(budget(ORG, TOKENS).anchor(Instant.parse("2026-01-31T08:15:30.123456789Z")));

    assertThat(a.anchor()).isEqualTo(Instant.parse("2026-01-31T08:15:30.123Z"));
    assertThat(assignments().get(a.id()).orElseThrow().anchor()).isEqualTo(Instant.parse("2026-01-31T08:15:30.123Z"));
  }

  @Test
  void upsert_anchorSentAgainWithOtherSubMillis_changesNothing() {
    upsertOne(budget(ORG, TOKENS).anchor(Instant.parse("2026-01-31T08:15:30.123456789Z")));
    CatalogSnapshot before = snapshot();
    tick();

    upsertOne(budget(ORG, TOKENS).anchor(Instant.parse("2026-01-31T08:15:30.123000001Z")));

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void upsert_anchorNotSentOnUpdate_kept() {
    Instant anchor = Instant.parse("2026-01-31T00:00:00Z");
    upsertOne(budget(ORG, TOKENS).anchor(anchor));

    assertThat(upsertOne(AssignmentUpsert.of(ORG, TOKENS).usageLimit(5)).anchor()).isEqualTo(anchor);
  }

  @Test
  void upsert_clearAnchor_removesAnchor() {
    upsertOne(budget(ORG, TOKENS).anchor(Instant.parse("2026-01-31T00:00:00Z")));

    assertThat(upsertOne(AssignmentUpsert.of(ORG, TOKENS).clearAnchor()).anchor()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1900-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z"})
  void upsert_anchorWithinYears1900To9999_accepted(String iso) {
    assertThat(upsertOne(budget(ORG, TOKENS).anchor(Instant.parse(iso))).anchor()).isEqualTo(Instant.parse(iso));
  }

  @Test
  void upsert_anchorInLastMillisecondOfYear9999WithNanos_acceptedAndTruncated() {
    // Still inside year 9999; truncation to millis must not push it out of range.
    Assignment a = upsertOne(budget(ORG, TOKENS).anchor(Instant.parse("9999-12-31T23:59:59.999500Z")));

    assertThat(a.anchor()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1899-12-31T23:59:59.999Z", "0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
      "-1000000000-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z"})
  void upsert_anchorOutsideYears1900To9999_validation(String iso) {
    expectValidation(0, "anchor", () -> upsertOne(budget(ORG, TOKENS).anchor(Instant.parse(iso))));
  }

  @Test
  void upsert_scopeInAnyOrderWithDuplicates_sameAssignment() {
    Assignment created = upsertOne(budget(ORG, TOKENS).scope(MODEL, USER_BOB));

    Assignment updated = upsertOne(AssignmentUpsert.of(ORG, TOKENS).scope(USER_BOB, MODEL, USER_BOB).usageLimit(7));

    assertThat(updated.id()).isEqualTo(created.id());
    assertThat(updated.scopeEntityIds()).containsExactly(MODEL, USER_BOB);
    assertThat(assignments().list(AssignmentFilter.all(), PageRequest.first()).items()).hasSize(1);
  }

  @Test
  void upsert_scopeUnsorted_storedSorted() {
    Assignment a = upsertOne(budget(ORG, TOKENS).scope(USER_BOB, MODEL));

    assertThat(a.scopeEntityIds()).containsExactly(MODEL, USER_BOB);
    assertThat(a.isNodeWide()).isFalse();
  }

  @Test
  void upsert_differentScopes_distinctAssignments() {
    List<Assignment> out = assignments().upsert(List.of(
        budget(ORG, TOKENS), budget(ORG, TOKENS).scope(MODEL), budget(ORG, TOKENS).scope(MODEL, USER_BOB)));

    assertThat(out).extracting(Assignment::id).doesNotHaveDuplicates();
    assertThat(assignments().get(AssignmentKey.of(ORG, TOKENS, MODEL))).contains(out.get(1));
    assertThat(assignments().get(AssignmentKey.of(ORG, TOKENS, USER_BOB, MODEL))).contains(out.get(2));
  }

  @Test
  void upsert_scopeEntityUnknown_notFoundNamingPosition() {
    assertQuotes(expectNotFound(0, "scopeEntityIds[1]",
        () -> upsertOne(budget(ORG, TOKENS).scope(MODEL, "model-ghost"))), "model-ghost");
  }

  @ParameterizedTest
  @MethodSource("invalidIds")
  void upsert_scopeEntityIdInvalid_validationNamingPosition(String id) {
    ValidationException e = expectValidation(0, "scopeEntityIds[2]",
        () -> upsertOne(budget(ORG, TOKENS).scope(Arrays.asList(MODEL, USER_BOB, id))));

    assertQuotes(e, id);
  }

  @Test
  void upsert_scopeWithArchivedEntity_accepted() {
    entities().archive(List.of(MODEL));

    assertThat(upsertOne(budget(ORG, TOKENS).scope(MODEL)).scopeEntityIds()).containsExactly(MODEL);
  }

  @Test
  void upsert_entityUnknown_notFoundEntityId() {
    assertQuotes(expectNotFound(0, "entityId", () -> upsertOne(budget("team-ghost", TOKENS))), "team-ghost");
  }

  @Test
  void upsert_capabilityUnknown_notFoundCapabilityId() {
    assertQuotes(expectNotFound(0, "capabilityId", () -> upsertOne(budget(ORG, "seats"))), "seats");
  }

  @ParameterizedTest
  @MethodSource("invalidIds")
  void upsert_entityIdInvalid_validation(String id) {
    assertQuotes(expectValidation(0, "entityId", () -> upsertOne(budget(id, TOKENS))), id);
  }

  @ParameterizedTest
  @MethodSource("invalidIds")
  void upsert_capabilityIdInvalid_validation(String id) {
    assertQuotes(expectValidation(0, "capabilityId", () -> upsertOne(budget(ORG, id))), id);
  }

  @Test
  void upsert_everyRow_showsEntitysCurrentParent() {
    assignments().upsert(List.of(budget(USER_ANN, TOKENS), budget(USER_ANN, CALLS).scope(MODEL)));

    entities().upsert(List.of(EntityUpsert.of(USER_ANN).parent(TEAM_OPS)));

    assertThat(assignments().list(AssignmentFilter.all().entity(USER_ANN), PageRequest.first()).items())
        .hasSize(2).allSatisfy(a -> assertThat(a.parentId()).isEqualTo(TEAM_OPS));
    assertThat(assignments().get(AssignmentKey.of(USER_ANN, CALLS, MODEL)).orElseThrow().parentId()).isEqualTo(TEAM_OPS);
  }

  @Test
  void upsert_parentChangedByLaterItem_everyReturnedRowShowsFinalParent() {
    List<Assignment> out = assignments().upsert(List.of(
        budget(USER_ANN, CALLS),
        budget(USER_ANN, TOKENS).parent(TEAM_OPS)));

    assertThat(out).extracting(Assignment::parentId).containsExactly(TEAM_OPS, TEAM_OPS);
  }

  @Test
  void upsert_parentChange_movesEntityUpdatedAtAndLeavesOtherAssignments() {
    Assignment other = upsertOne(budget(USER_ANN, CALLS));
    Instant now = tick();

    upsertOne(budget(USER_ANN, TOKENS).parent(TEAM_OPS));

    assertThat(entity(USER_ANN).updatedAt()).isEqualTo(now);
    assertThat(assignments().get(other.id()).orElseThrow())
        .usingRecursiveComparison().ignoringFields("parentId").isEqualTo(other);
  }

  @Test
  void upsert_sameBatchSentAgain_changesNothing() {
    List<AssignmentUpsert> batch = List.of(
        budget(ORG, TOKENS).anchor(Instant.parse("2026-01-01T00:00:00Z")),
        AssignmentUpsert.of(TEAM_ENG, TOKENS).scope(USER_ANN, MODEL).unlimited().cadence("PT15M"),
        budget(USER_BOB, CALLS).parent(TEAM_OPS));
    List<Assignment> first = assignments().upsert(batch);
    CatalogSnapshot before = snapshot();
    tick();

    List<Assignment> second = assignments().upsert(batch);

    assertThat(second).isEqualTo(first);
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void upsert_realChange_movesUpdatedAtAndKeepsIdAndCreatedAt() {
    Instant created = clock.instant();
    Assignment first = upsertOne(budget(ORG, TOKENS));
    Instant changed = tick();

    Assignment second = upsertOne(AssignmentUpsert.of(ORG, TOKENS).usageLimit(2_000));

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.createdAt()).isEqualTo(created);
    assertThat(second.updatedAt()).isEqualTo(changed);
  }

  @Test
  void upsert_entityArchived_accepted() {
    entities().archive(List.of(USER_BOB));

    assertThat(upsertOne(budget(USER_BOB, TOKENS)).entityId()).isEqualTo(USER_BOB);
  }

  @Test
  void list_filters_byEntityAndCapability() {
    assignments().upsert(List.of(budget(ORG, TOKENS), budget(ORG, CALLS), budget(TEAM_ENG, TOKENS)));

    assertThat(assignments().list(AssignmentFilter.all().entity(ORG), PageRequest.first()).items())
        .extracting(Assignment::key).containsExactly(AssignmentKey.of(ORG, TOKENS), AssignmentKey.of(ORG, CALLS));
    assertThat(assignments().list(AssignmentFilter.all().capability(TOKENS), PageRequest.first()).items())
        .extracting(Assignment::key).containsExactly(AssignmentKey.of(ORG, TOKENS), AssignmentKey.of(TEAM_ENG, TOKENS));
    assertThat(assignments().list(AssignmentFilter.all().entity(ORG).capability(TOKENS), PageRequest.first()).items())
        .extracting(Assignment::key).containsExactly(AssignmentKey.of(ORG, TOKENS));
  }

  @Test
  void list_allAssignments_orderedByEntityCapabilityScope() {
    // "ai-tokens" sorts before "api-calls"; within a capability node-wide comes first, then scopes
    // compared element by element over their sorted ids.
    assignments().upsert(List.of(
        budget(TEAM_ENG, TOKENS), budget(ORG, TOKENS).scope(USER_BOB), budget(ORG, TOKENS).scope(MODEL, USER_BOB),
        budget(ORG, TOKENS), budget(ORG, CALLS), budget(ORG, TOKENS).scope(MODEL)));

    assertThat(assignments().list(PageRequest.first()).items()).extracting(Assignment::key).containsExactly(
        AssignmentKey.of(ORG, TOKENS),
        AssignmentKey.of(ORG, TOKENS, MODEL),
        AssignmentKey.of(ORG, TOKENS, MODEL, USER_BOB),
        AssignmentKey.of(ORG, TOKENS, USER_BOB),
        AssignmentKey.of(ORG, CALLS),
        AssignmentKey.of(TEAM_ENG, TOKENS));
  }

  @Test
  void list_filterIdsInvalid_validation() {
    expectValidation(-1, "entityId", () -> assignments().list(AssignmentFilter.all().entity("bad id"), PageRequest.first()));
    expectValidation(-1, "capabilityId", () -> assignments().list(AssignmentFilter.all().capability("bad id"), PageRequest.first()));
    expectValidation(-1, "filter", () -> assignments().list(null, PageRequest.first()));
  }

  /** The cadences docs/semantics.md §9 and the brief reject, each breaking a different part of the rule. */
  static Stream<String> rejectedCadences() {
    return Stream.of("P0D", "PT0M", "P1M2D", "PT1H30M", "PT30S", "PT59S", "-P1M", "p1m", "pt1h", "P99999999Y", "P101Y",
        "P1201M", "", "P", "PT", "P1", "PM", "P1.5D", "P+1D", " P1D", "P1D ", "PT1D", "P1H", "P1X", "1M");
  }
}
