package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.CapabilityCatalog;
import dev.governor.PageRequest;
import dev.governor.ValidationException;
import dev.governor.catalog.Capability;
import dev.governor.catalog.CapabilityType;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.Patch;
import dev.governor.spi.GovernanceStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Capabilities: create with METER as the default type, idempotent re-sends (docs/semantics.md §1, §2). */
public abstract class CapabilityConformanceTest extends CatalogConformanceBase {

  /** A new, unopened store; every test gets its own. */
  @Override
  protected abstract GovernanceStore newStore();

  private CapabilityCatalog capabilities() {
    return engine.capabilities();
  }

  @Test
  void upsert_meter_storedWithClockTimestamps() {
    Instant now = clock.instant();

    List<Capability> out = capabilities().upsert(List.of(CapabilityUpsert.meter(TOKENS)));

    Capability expected = new Capability(TOKENS, CapabilityType.METER, now, now);
    assertThat(out).containsExactly(expected);
    assertThat(capabilities().get(TOKENS)).contains(expected);
  }

  @Test
  void upsert_typeNotSent_defaultsToMeter() {
    capabilities().upsert(List.of(CapabilityUpsert.of(CALLS)));

    assertThat(capabilities().get(CALLS).orElseThrow().type()).isEqualTo(CapabilityType.METER);
  }

  @Test
  void upsert_typeNotSentOnUpdate_keepsTypeAndChangesNothing() {
    capabilities().upsert(List.of(CapabilityUpsert.meter(TOKENS)));
    CatalogSnapshot before = snapshot();
    tick();

    capabilities().upsert(List.of(CapabilityUpsert.of(TOKENS)));

    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void upsert_typeNull_validation() {
    expectValidation(1, "type", () -> capabilities().upsert(List.of(
        CapabilityUpsert.meter(TOKENS), new CapabilityUpsert(CALLS, Patch.set(null)))));
  }

  @Test
  void upsert_batch_returnsItemsInBatchOrder() {
    List<Capability> out = capabilities().upsert(List.of(
        CapabilityUpsert.meter("seats"), CapabilityUpsert.meter(TOKENS), CapabilityUpsert.meter(CALLS)));

    assertThat(out).extracting(Capability::id).containsExactly("seats", TOKENS, CALLS);
  }

  @Test
  void upsert_sameBatchSentAgain_changesNothing() {
    List<CapabilityUpsert> batch = List.of(CapabilityUpsert.meter(TOKENS), CapabilityUpsert.of(CALLS));
    List<Capability> first = capabilities().upsert(batch);
    CatalogSnapshot before = snapshot();
    tick();

    List<Capability> second = capabilities().upsert(batch);

    assertThat(second).isEqualTo(first);
    assertThat(snapshot()).isEqualTo(before);
  }

  @ParameterizedTest
  @MethodSource("invalidIds")
  void upsert_idInvalid_validationQuotingId(String id) {
    ValidationException e = expectValidation(1, "id",
        () -> capabilities().upsert(List.of(CapabilityUpsert.meter(TOKENS), CapabilityUpsert.meter(id))));

    assertQuotes(e, id);
  }

  @ParameterizedTest
  @MethodSource("validIds")
  void upsert_idAtEdgeOfRule_accepted(String id) {
    capabilities().upsert(List.of(CapabilityUpsert.meter(id)));

    assertThat(capabilities().get(id)).isPresent();
  }

  @Test
  void get_unknownId_empty() {
    capabilities().upsert(List.of(CapabilityUpsert.meter(TOKENS)));

    assertThat(capabilities().get(CALLS)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("invalidIds")
  void get_invalidId_validation(String id) {
    expectValidation(-1, "id", () -> capabilities().get(id));
  }

  @Test
  void list_capabilities_orderedById() {
    capabilities().upsert(List.of(
        CapabilityUpsert.meter("seats"), CapabilityUpsert.meter(TOKENS), CapabilityUpsert.meter("API-calls"),
        CapabilityUpsert.meter("1m-context")));

    assertThat(capabilities().list(PageRequest.first()).items()).extracting(Capability::id)
        .containsExactly("1m-context", "API-calls", TOKENS, "seats");
  }
}
