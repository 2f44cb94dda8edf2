package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.NotFoundException;
import dev.governor.ValidationException;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import java.util.List;
import org.junit.jupiter.api.Test;

/** isAllowed and tryConsume: check and consume for one entity id, answering only yes or no. */
public abstract class FastPathConformanceTest extends RuntimeConformanceBase {

  private boolean isAllowed(String entityId, long amount) {
    return engine.isAllowed(OWNER, entityId, TOKENS, amount);
  }

  private boolean tryConsume(String entityId, long amount) {
    return engine.tryConsume(OWNER, entityId, TOKENS, amount);
  }

  @Test
  void isAllowed_agreesWithCheckAroundTheLimit() {
    tokens("user-alice", 100);
    tokens("org-acme", 10);
    ingest(event("user-bob", 7));
    for (long amount = 0; amount <= 5; amount++) {
      assertThat(isAllowed("user-alice", amount)).as("amount %s", amount)
          .isEqualTo(check("user-alice", amount).hasAccess()).isEqualTo(amount <= 3);
    }
  }

  @Test
  void isAllowed_zeroAmount_deniedOnlyWhenUsageAlreadyExceedsTheLimit() {
    tokens("user-alice", 5);
    ingest(event("user-alice", 5));
    assertThat(isAllowed("user-alice", 0)).isTrue();
    ingest(event("user-alice", 1));
    assertThat(isAllowed("user-alice", 0)).isFalse();
  }

  @Test
  void isAllowed_neverChangesUsage() {
    Assignment alice = tokens("user-alice", 5);
    for (int i = 0; i < 10; i++) {
      assertThat(isAllowed("user-alice", 5)).isTrue();
    }
    assertThat(usage(alice)).isZero();
  }

  @Test
  void fastPaths_noApplicableBudget_answerTrue() {
    tokens("user-bob", 0);
    assertThat(isAllowed("user-alice", Long.MAX_VALUE)).isTrue();
    assertThat(tryConsume("user-alice", Long.MAX_VALUE)).isTrue();
  }

  @Test
  void fastPaths_limitZero_answerFalseForPositiveAmounts() {
    tokens("user-alice", 0);
    assertThat(isAllowed("user-alice", 1)).isFalse();
    assertThat(isAllowed("user-alice", 0)).isTrue();
    assertThat(tryConsume("user-alice", 1)).isFalse();
  }

  @Test
  void tryConsume_addsToEveryBudgetOfTheChain() {
    Assignment alice = tokens("user-alice", 100);
    Assignment team = tokens("team-eng", 50);
    Assignment org = unlimited("org-acme", TOKENS, "P1M");
    assertThat(tryConsume("agent-bot", 20)).isTrue();
    assertThat(List.of(usage(alice), usage(team), usage(org))).containsExactly(20L, 20L, 20L);
  }

  @Test
  void tryConsume_oneBudgetWithoutRoom_changesNothing() {
    Assignment alice = tokens("user-alice", 100);
    Assignment team = tokens("team-eng", 10);
    assertThat(tryConsume("user-alice", 8)).isTrue();
    assertThat(tryConsume("user-alice", 3)).isFalse();
    assertThat(List.of(usage(alice), usage(team))).containsExactly(8L, 8L);
    assertThat(tryConsume("user-alice", 2)).isTrue();
    assertThat(List.of(usage(alice), usage(team))).containsExactly(10L, 10L);
  }

  @Test
  void tryConsume_unlimited_alwaysTrueAndCounted() {
    Assignment alice = unlimited("user-alice", TOKENS, "P1M");
    assertThat(tryConsume("user-alice", 1_000_000_000_000L)).isTrue();
    assertThat(usage(alice)).isEqualTo(1_000_000_000_000L);
  }

  @Test
  void fastPaths_afterCatalogChange_seeItAtOnce() {
    // The fast paths cache compiled plans; a catalog change must still take effect on the next call.
    tokens("user-alice", 5);
    assertThat(tryConsume("user-alice", 5)).isTrue();
    assertThat(isAllowed("user-alice", 1)).isFalse();
    upsert(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(6));
    assertThat(isAllowed("user-alice", 1)).isTrue();
    tokens("org-acme", 0);
    assertThat(isAllowed("user-alice", 1)).isFalse();
    assertThat(tryConsume("user-alice", 1)).isFalse();
    engine.assignments(OWNER).deleteByKey(List.of(AssignmentKey.of("org-acme", TOKENS)));
    assertThat(tryConsume("user-alice", 1)).isTrue();
  }

  @Test
  void fastPaths_afterPeriodEnd_seeTheNewPeriod() {
    tokens("user-alice", 5);
    assertThat(tryConsume("user-alice", 5)).isTrue();
    assertThat(isAllowed("user-alice", 1)).isFalse();
    clock.set(FEB);
    assertThat(isAllowed("user-alice", 5)).isTrue();
    assertThat(tryConsume("user-alice", 5)).isTrue();
    assertThat(tryConsume("user-alice", 1)).isFalse();
  }

  @Test
  void isAllowed_negativeAmount_throwsValidation() {
    assertThatThrownBy(() -> isAllowed("user-alice", -1))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("amount"));
  }

  @Test
  void tryConsume_zeroAmount_throwsValidation() {
    assertThatThrownBy(() -> tryConsume("user-alice", 0))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("amount"));
  }

  @Test
  void fastPaths_unknownEntity_throwNotFound() {
    assertThatThrownBy(() -> isAllowed("user-ghost", 1))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.kind()).isEqualTo("entity"));
    assertThatThrownBy(() -> tryConsume("user-ghost", 1))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.kind()).isEqualTo("entity"));
  }

  @Test
  void fastPaths_unknownCapability_throwNotFoundOnCapabilityId() {
    assertThatThrownBy(() -> engine.isAllowed(OWNER, "user-alice", "gpu-hours", 1))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.field()).isEqualTo("capabilityId"));
    assertThatThrownBy(() -> engine.tryConsume(OWNER, "user-alice", "gpu-hours", 1))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.field()).isEqualTo("capabilityId"));
  }

  @Test
  void fastPaths_entityOfAnotherOwner_throwNotFound() {
    assertThatThrownBy(() -> engine.isAllowed(OTHER_OWNER, "user-alice", TOKENS, 1))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> engine.tryConsume("cus-empty", "user-alice", TOKENS, 1))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void fastPaths_invalidOwner_throwValidation() {
    assertThatThrownBy(() -> engine.isAllowed("bad owner", "user-alice", TOKENS, 1))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("ownerId"));
    assertThatThrownBy(() -> engine.tryConsume(null, "user-alice", TOKENS, 1))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("ownerId"));
  }
}
