package dev.governor.conformance.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.NotFoundException;
import dev.governor.ValidationException;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UnresolvedDimension;
import dev.governor.runtime.UnresolvedDimension.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/semantics.md §3: direct set, resolved set with ancestors, and which budgets apply. */
public abstract class ResolutionConformanceTest extends RuntimeConformanceBase {

  @Test
  void check_unknownEntityId_throwsNotFoundNamingItsPosition() {
    assertThatThrownBy(() -> check(Subject.entities("user-alice", "user-ghost"), 1))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.field()).isEqualTo("subject.entityIds[1]");
          assertThat(e.kind()).isEqualTo("entity");
          assertThat(e.value()).contains("user-ghost");
        });
  }

  @Test
  void check_unknownCapability_throwsNotFoundOnCapabilityId() {
    assertThatThrownBy(() -> engine.check(OWNER, CheckRequest.of("user-alice", "gpu-hours")))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.field()).isEqualTo("capabilityId");
          assertThat(e.kind()).isEqualTo("capability");
        });
  }

  @Test
  void check_entityOfAnotherOwner_throwsNotFound() {
    // team-eng exists only in OWNER; OTHER_OWNER must not see it.
    assertThatThrownBy(() -> engine.check(OTHER_OWNER, CheckRequest.of("team-eng", TOKENS)))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.field()).isEqualTo("subject.entityIds[0]"));
  }

  @Test
  void check_entityIdsAndDimensionsTogether_throwsValidationOnSubject() {
    Subject both = new Subject(List.of("user-alice"), Map.of("orgId", "org-acme"));
    assertThatThrownBy(() -> check(both, 1))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("subject"));
  }

  @Test
  void check_neitherEntityIdsNorDimensions_throwsValidationOnSubject() {
    Subject neither = new Subject(List.of(), Map.of());
    assertThatThrownBy(() -> check(neither, 1))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("subject"));
  }

  @Test
  void check_hundredEntityIds_isAccepted() {
    Assignment alice = tokens("user-alice", 10);
    CheckResult r = check(Subject.entities(Collections.nCopies(100, "user-alice")), 1);
    assertThat(r.budgets()).containsExactly(january(alice, 0, 10L, true));
  }

  @Test
  void check_hundredAndOneEntityIds_throwsValidation() {
    Subject tooMany = Subject.entities(Collections.nCopies(101, "user-alice"));
    assertThatThrownBy(() -> check(tooMany, 1))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("subject.entityIds"));
  }

  @Test
  void check_hundredAndOneDimensions_throwsValidation() {
    Map<String, String> dims = new LinkedHashMap<>();
    for (int i = 0; i < 101; i++) {
      dims.put("key" + i, "value");
    }
    assertThatThrownBy(() -> check(Subject.dimensions(dims), 1))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("subject.dimensions"));
  }

  @Test
  void check_hundredUnknownDimensions_grantsAndReportsEveryOne() {
    Map<String, String> dims = new LinkedHashMap<>();
    List<UnresolvedDimension> expected = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String key = String.format("key%03d", i);
      dims.put(key, "value");
      expected.add(new UnresolvedDimension(key, "value", Reason.UNKNOWN_KEY));
    }
    CheckResult r = check(Subject.dimensions(dims), 1);
    assertThat(r.hasAccess()).isTrue();
    assertThat(r.unresolved()).containsExactlyElementsOf(expected);
  }

  @Test
  void check_unknownDimensionKey_isLeftOutAndReported() {
    Assignment org = tokens("org-acme", 100);
    CheckResult r = check(Subject.dimensions(Map.of("orgId", "org-acme", "colorId", "red")), 1);
    assertThat(r.hasAccess()).isTrue();
    assertThat(r.budgets()).containsExactly(january(org, 0, 100L, true));
    assertThat(r.unresolved()).containsExactly(new UnresolvedDimension("colorId", "red", Reason.UNKNOWN_KEY));
  }

  @Test
  void check_unknownDimensionValue_isLeftOutAndReported() {
    Assignment org = tokens("org-acme", 100);
    CheckResult r = check(Subject.dimensions(Map.of("orgId", "org-acme", "userId", "user-ghost")), 1);
    assertThat(r.budgets()).containsExactly(january(org, 0, 100L, true));
    assertThat(r.unresolved()).containsExactly(new UnresolvedDimension("userId", "user-ghost", Reason.UNKNOWN_ENTITY));
  }

  @Test
  void check_dimensionNamingEntityOfOtherType_isLeftOutAsTypeMismatch() {
    // team-eng exists but is a team, not a user: its budget must not apply through userId.
    tokens("team-eng", 100);
    Assignment org = tokens("org-acme", 100);
    CheckResult r = check(Subject.dimensions(Map.of("orgId", "org-acme", "userId", "team-eng")), 1);
    assertThat(r.budgets()).containsExactly(january(org, 0, 100L, true));
    assertThat(r.unresolved()).containsExactly(new UnresolvedDimension("userId", "team-eng", Reason.TYPE_MISMATCH));
  }

  @Test
  void check_severalUnresolvedDimensions_reportedInKeyOrder() {
    Map<String, String> dims = new LinkedHashMap<>();
    dims.put("userId", "team-eng");
    dims.put("colorId", "red");
    dims.put("modelId", "model-ghost");
    CheckResult r = check(Subject.dimensions(dims), 1);
    assertThat(r.unresolved()).containsExactly(
        new UnresolvedDimension("colorId", "red", Reason.UNKNOWN_KEY),
        new UnresolvedDimension("modelId", "model-ghost", Reason.UNKNOWN_ENTITY),
        new UnresolvedDimension("userId", "team-eng", Reason.TYPE_MISMATCH));
    assertThat(r.budgets()).isEmpty();
    assertThat(r.hasAccess()).isTrue();
  }

  @Test
  void check_dimensionsOfOwnerWithoutData_reportUnknownEntity() {
    CheckResult r = engine.check("cus-empty", CheckRequest.of(Subject.dimensions(Map.of("orgId", "org-acme")), TOKENS));
    assertThat(r.hasAccess()).isTrue();
    assertThat(r.budgets()).isEmpty();
    assertThat(r.unresolved()).containsExactly(new UnresolvedDimension("orgId", "org-acme", Reason.UNKNOWN_ENTITY));
  }

  @Test
  void check_dimensionResolvesEntity_includesItsAncestorsBudgets() {
    Assignment alice = tokens("user-alice", 10);
    Assignment team = tokens("team-eng", 20);
    Assignment org = tokens("org-acme", 30);
    CheckResult r = check(Subject.dimensions(Map.of("userId", "user-alice")), 1);
    assertThat(r.budgets()).containsExactly(
        january(alice, 0, 10L, true), january(team, 0, 20L, true), january(org, 0, 30L, true));
    assertThat(r.unresolved()).isEmpty();
  }

  @Test
  void check_siblingAndOtherCapabilityBudgets_doNotApply() {
    tokens("user-bob", 10);
    tokens("team-sales", 10);
    budget("user-alice", CALLS, 10, "P1M");
    Assignment team = tokens("team-eng", 20);
    CheckResult r = check("user-alice", 1);
    assertThat(r.budgets()).containsExactly(january(team, 0, 20L, true));
  }

  @Test
  void check_descendantBudgets_doNotApplyToAncestor() {
    tokens("user-alice", 0);
    Assignment team = tokens("team-eng", 20);
    CheckResult r = check("team-eng", 1);
    assertThat(r.hasAccess()).isTrue();
    assertThat(r.budgets()).containsExactly(january(team, 0, 20L, true));
  }

  @Test
  void check_ancestorScopedBudget_appliesWhenScopeResolved() {
    // An org budget scoped to a model covers a user calling with that model.
    Assignment orgGpt = tokens("org-acme", 50, "model-gpt4o");
    CheckResult r = check(Subject.dimensions(Map.of("userId", "user-alice", "modelId", "model-gpt4o")), 1);
    assertThat(r.budgets()).containsExactly(january(orgGpt, 0, 50L, true));
  }

  @Test
  void check_ancestorScopedBudget_doesNotApplyWithoutOrWithOtherScope() {
    tokens("org-acme", 50, "model-gpt4o");
    assertThat(check(Subject.dimensions(Map.of("userId", "user-alice")), 1).budgets()).isEmpty();
    assertThat(check(Subject.dimensions(Map.of("userId", "user-alice", "modelId", "model-claude")), 1).budgets())
        .isEmpty();
  }

  @Test
  void check_scopeOfSeveralEntities_appliesOnlyWhenAllAreResolved() {
    Assignment both = tokens("org-acme", 50, "model-gpt4o", "team-eng");
    assertThat(check(Subject.entities("user-carol", "model-gpt4o"), 1).budgets()).isEmpty();
    assertThat(check(Subject.entities("user-alice"), 1).budgets()).isEmpty();
    // team-eng is in the resolved set as alice's ancestor, the model as a direct entity.
    assertThat(check(Subject.entities("user-alice", "model-gpt4o"), 1).budgets())
        .containsExactly(january(both, 0, 50L, true));
  }

  @Test
  void check_dimensionalEntityNodeWideBudget_appliesWheneverResolved() {
    Assignment model = tokens("model-gpt4o", 70);
    assertThat(check(Subject.dimensions(Map.of("userId", "user-carol", "modelId", "model-gpt4o")), 1).budgets())
        .containsExactly(january(model, 0, 70L, true));
    assertThat(check(Subject.entities("user-bob", "model-gpt4o"), 1).budgets())
        .containsExactly(january(model, 0, 70L, true));
    assertThat(check(Subject.dimensions(Map.of("userId", "user-carol")), 1).budgets()).isEmpty();
  }

  @Test
  void check_scopedBudgetOfAncestorDenies_deniesDescendantUsingThatScope() {
    Assignment orgGpt = tokens("org-acme", 5, "model-gpt4o");
    CheckResult r = check(Subject.dimensions(Map.of("userId", "user-alice", "modelId", "model-gpt4o")), 6);
    assertThat(r.hasAccess()).isFalse();
    assertThat(r.firstDenied()).isEqualTo(january(orgGpt, 0, 5L, false));
  }

  @Test
  void check_sameEntityIdInOtherOwner_seesOnlyItsOwnBudgets() {
    Assignment ours = tokens("org-acme", 10);
    engine.assignments(OTHER_OWNER).upsert(List.of(
        AssignmentUpsert.of("org-acme", TOKENS).usageLimit(99).cadence("P1M")));
    assertThat(check("org-acme", 1).budgets()).containsExactly(january(ours, 0, 10L, true));
    assertThat(engine.check(OTHER_OWNER, CheckRequest.of("org-acme", TOKENS)).budgets())
        .extracting(s -> s.usageLimit()).containsExactly(99L);
  }
}
