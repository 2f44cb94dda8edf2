package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.governor.catalog.Capability;
import dev.governor.catalog.CapabilityType;
import dev.governor.catalog.EntityType;
import dev.governor.spi.CatalogStore;
import dev.governor.spi.CommitResult;
import dev.governor.spi.GlobalChanges;
import dev.governor.spi.GlobalSnapshot;
import dev.governor.spi.GovernanceStore;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine-wide half of the {@link CatalogStore} contract, exercised without the engine:
 * immutable snapshots of types and capabilities, the attribution-key index, and optimistic
 * commits.
 */
public abstract class GlobalCatalogContractConformanceTest {
  private static final Instant T0 = Instant.parse("2026-01-15T10:00:00Z");

  private CatalogStore catalog;

  /** A new, empty store. */
  protected abstract GovernanceStore newStore();

  @BeforeEach
  void openStore() {
    catalog = newStore().catalog();
  }

  private static EntityType type(String id, String... keys) {
    return new EntityType(id, id, List.of(keys), T0, T0);
  }

  private static GlobalChanges types(EntityType... types) {
    return new GlobalChanges(List.of(types), List.of());
  }

  private long commit(GlobalChanges changes) {
    long before = catalog.global().version();
    CommitResult result = catalog.commitGlobal(before, changes);
    assertThat(result.committed()).isTrue();
    assertThat(result.version()).isEqualTo(before + 1);
    return result.version();
  }

  @Test
  void global_newStore_emptyAtVersionZero() {
    GlobalSnapshot g = catalog.global();

    assertThat(g.version()).isZero();
    assertThat(g.entityTypes(null, 10)).isEmpty();
    assertThat(g.capabilities(null, 10)).isEmpty();
    assertThat(g.attributionKeyOwner("orgId")).isNull();
  }

  @Test
  void commitGlobal_entityType_keysIndexed() {
    commit(types(type("org", "orgId", "tenantId")));

    GlobalSnapshot g = catalog.global();
    assertThat(g.entityType("org").attributionKeys()).containsExactly("orgId", "tenantId");
    assertThat(g.attributionKeyOwner("orgId")).isEqualTo("org");
    assertThat(g.attributionKeyOwner("tenantId")).isEqualTo("org");
    assertThat(g.attributionKeyOwner("userId")).isNull();
  }

  @Test
  void commitGlobal_keysReplaced_oldKeysReleased() {
    commit(types(type("org", "orgId", "tenantId")));

    commit(types(type("org", "orgId")));

    assertThat(catalog.global().attributionKeyOwner("tenantId")).isNull();
    assertThat(catalog.global().attributionKeyOwner("orgId")).isEqualTo("org");
  }

  @Test
  void commitGlobal_keyMovesBetweenTypesInOneChangeSet_eitherOrderApplies() {
    commit(types(type("org", "orgId"), type("team")));

    // The type that takes the key is listed before the one that gives it up.
    commit(types(type("team", "orgId"), type("org")));

    assertThat(catalog.global().attributionKeyOwner("orgId")).isEqualTo("team");
  }

  @Test
  void commitGlobal_staleExpectedVersion_conflictAndNothingApplied() {
    commit(types(type("org")));
    GlobalSnapshot before = catalog.global();

    CommitResult result = catalog.commitGlobal(0, types(type("team")));

    assertThat(result.committed()).isFalse();
    assertThat(result.version()).isEqualTo(1);
    assertThat(catalog.global().entityType("team")).isNull();
    assertThat(catalog.global().version()).isEqualTo(before.version());
  }

  @Test
  void commitGlobal_keyOwnedByAnotherType_throwsAndAppliesNothing() {
    commit(types(type("org", "orgId")));

    Throwable thrown = catchThrowable(() -> catalog.commitGlobal(1, types(type("region", "regionId"), type("team", "orgId"))));

    assertThat(thrown).isInstanceOf(RuntimeException.class);
    assertThat(catalog.global().version()).isEqualTo(1);
    assertThat(catalog.global().entityType("region")).isNull();
    assertThat(catalog.global().attributionKeyOwner("regionId")).isNull();
  }

  @Test
  void commitGlobal_emptyChangeSet_versionUnchanged() {
    commit(types(type("org")));

    CommitResult result = catalog.commitGlobal(1, new GlobalChanges(List.of(), List.of()));

    assertThat(result.version()).isEqualTo(1);
    assertThat(catalog.global().version()).isEqualTo(1);
  }

  @Test
  void snapshot_laterCommits_neverChanges() {
    commit(types(type("org", "orgId")));
    GlobalSnapshot old = catalog.global();

    commit(new GlobalChanges(List.of(type("org"), type("team", "orgId")), List.of(new Capability("seats", CapabilityType.METER, T0, T0))));

    assertThat(old.version()).isEqualTo(1);
    assertThat(old.attributionKeyOwner("orgId")).isEqualTo("org");
    assertThat(old.entityType("team")).isNull();
    assertThat(old.capability("seats")).isNull();
    assertThat(catalog.global().attributionKeyOwner("orgId")).isEqualTo("team");
  }

  @Test
  void global_typesAndCapabilities_orderedByIdAfterAndLimit() {
    List<EntityType> types = Arrays.asList(type("user"), type("Agent"), type("org"), type("9th"));
    List<Capability> capabilities = types.stream().map(t -> new Capability(t.id(), CapabilityType.METER, T0, T0)).toList();
    commit(new GlobalChanges(types, capabilities));

    GlobalSnapshot g = catalog.global();
    assertThat(g.entityTypes(null, 100)).extracting(EntityType::id).containsExactly("9th", "Agent", "org", "user");
    assertThat(g.entityTypes("Agent", 1)).extracting(EntityType::id).containsExactly("org");
    assertThat(g.capabilities(null, 2)).extracting(Capability::id).containsExactly("9th", "Agent");
    assertThat(g.capabilities("org", 100)).extracting(Capability::id).containsExactly("user");
    assertThat(g.capabilities("zzz", 100)).isEmpty();
  }
}
