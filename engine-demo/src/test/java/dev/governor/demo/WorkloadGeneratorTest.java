package dev.governor.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.governor.runtime.UsageEvent;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WorkloadGeneratorTest {
  static final OwnerPlan ACME = SeedCatalog.acme();
  static final int CALLS = 40_000;

  static Stream<Call.Consume> consumes(OwnerWorkload workload) {
    return workload.calls().stream().filter(c -> c instanceof Call.Consume).map(c -> (Call.Consume) c);
  }

  static Stream<UsageEvent> ingested(OwnerWorkload workload) {
    return workload.calls().stream().filter(c -> c instanceof Call.Ingest)
        .flatMap(c -> ((Call.Ingest) c).events().stream());
  }

  static Stream<Call.Complete> completions(OwnerWorkload workload) {
    return workload.calls().stream().filter(c -> c instanceof Call.Complete).map(c -> (Call.Complete) c);
  }

  @Test
  void generate_sameSeed_sameStream() {
    assertThat(WorkloadGenerator.generate(ACME, 5, 2_000)).isEqualTo(WorkloadGenerator.generate(ACME, 5, 2_000));
  }

  @Test
  void generate_otherSeed_otherStream() {
    assertThat(WorkloadGenerator.generate(ACME, 5, 2_000)).isNotEqualTo(WorkloadGenerator.generate(ACME, 6, 2_000));
  }

  @Test
  void generate_nearbySeeds_areNotShiftedCopiesOfEachOther() {
    List<Call> first = WorkloadGenerator.generate(ACME, 5, 2_000).calls();
    for (long seed = 6; seed <= 13; seed++) {
      List<Call> other = WorkloadGenerator.generate(ACME, seed, 2_000).calls();
      for (int shift = 0; shift <= 4; shift++) {
        int same = 0;
        for (int i = 0; i + shift < first.size(); i++) {
          same += first.get(i + shift).equals(other.get(i)) ? 1 : 0;
        }
        assertThat(same).as("seed %d, calls equal %d calls apart", seed, shift).isLessThan(first.size() / 50);
      }
    }
  }

  @Test
  void generate_allOwners_splitsTheRequestsByShare() {
    List<OwnerWorkload> workloads = WorkloadGenerator.generate(SeedCatalog.owners(), 1, 100_001);

    assertThat(workloads).extracting(OwnerWorkload::ownerId)
        .containsExactly("cus-acme", "cus-globex", "cus-initech", "cus-umbrella", "cus-hooli");
    assertThat(workloads).extracting(w -> w.calls().size()).containsExactly(25_000, 25_000, 16_666, 16_666, 16_669);
  }

  @Test
  void generate_everySubject_namesItsChainAndAModelByDimensions() {
    OwnerWorkload workload = WorkloadGenerator.generate(ACME, 3, 5_000);

    Stream.concat(consumes(workload).map(Call.Consume::subject), ingested(workload).map(UsageEvent::subject))
        .forEach(subject -> {
          assertThat(subject.byEntityIds()).isFalse();
          Map<String, String> dims = subject.dimensions();
          assertThat(dims).containsKeys("orgId", "teamId", "modelId").hasSize(4);
          String actor = dims.containsKey("userId") ? dims.get("userId") : dims.get("agentId");
          assertThat(ACME.chain(actor)).extracting(OwnerPlan.Node::id)
              .containsExactly(actor, dims.get("teamId"), dims.get("orgId"));
          assertThat(ACME.node(dims.get("modelId")).typeId()).isEqualTo(SeedCatalog.MODEL);
        });
  }

  @Test
  void generate_actors_areSkewedTowardsTheFirstOnesOfThePlan() {
    Map<String, Long> byUser = consumes(WorkloadGenerator.generate(ACME, 9, CALLS))
        .collect(Collectors.groupingBy(c -> c.subject().dimensions().getOrDefault("userId", "agent"),
            Collectors.counting()));

    assertThat(byUser.get("alice")).isGreaterThan(CALLS / 5).isGreaterThan(4 * byUser.get("emil"));
  }

  @Test
  void generate_mix_hasTokenAndCallConsumesAndAgentIngestBatches() {
    OwnerWorkload workload = WorkloadGenerator.generate(ACME, 11, CALLS);

    long tokens = consumes(workload).filter(c -> c.capabilityId().equals(SeedCatalog.AI_TOKENS)).count();
    long apiCalls = consumes(workload).filter(c -> c.capabilityId().equals(SeedCatalog.API_CALLS)).count();
    long batches = workload.calls().stream().filter(c -> c instanceof Call.Ingest).count();
    long completions = completions(workload).count();
    assertThat((double) tokens / CALLS).isCloseTo(WorkloadGenerator.AI_TOKENS_SHARE, within(0.02));
    assertThat((double) batches / CALLS).isCloseTo(WorkloadGenerator.INGEST_SHARE, within(0.001));
    assertThat((double) completions / CALLS).isCloseTo(WorkloadGenerator.COMPLETION_SHARE, within(0.005));
    assertThat(tokens + apiCalls + batches + completions).isEqualTo(CALLS);
    assertThat(ingested(workload)).allSatisfy(e -> {
      assertThat(e.capabilityId()).isEqualTo(SeedCatalog.AI_TOKENS);
      assertThat(e.subject().dimensions()).containsKey("agentId");
    });
    assertThat(workload.calls().stream().filter(c -> c instanceof Call.Ingest))
        .allSatisfy(c -> assertThat(((Call.Ingest) c).events()).hasSizeBetween(
            WorkloadGenerator.MIN_INGEST_BATCH, WorkloadGenerator.MAX_INGEST_BATCH));
  }

  @Test
  void generate_anyRequestCount_asksForAboutTheOrgBudgetOfEachCapability() {
    for (int calls : List.of(5_000, 50_000)) {
      OwnerWorkload workload = WorkloadGenerator.generate(ACME, 13, calls);
      long tokens = consumes(workload).filter(c -> c.capabilityId().equals(SeedCatalog.AI_TOKENS))
          .mapToLong(Call.Consume::amount).sum() + ingested(workload).mapToLong(UsageEvent::amount).sum()
          + completions(workload).mapToLong(Call.Complete::estimate).sum();
      long apiCalls = consumes(workload).filter(c -> c.capabilityId().equals(SeedCatalog.API_CALLS))
          .mapToLong(Call.Consume::amount).sum();

      assertThat((double) tokens).as("%d calls", calls).isCloseTo(1_000_000 * WorkloadGenerator.DEMAND_FACTOR,
          within(250_000.0));
      assertThat((double) apiCalls).as("%d calls", calls).isCloseTo(200_000 * WorkloadGenerator.DEMAND_FACTOR,
          within(50_000.0));
      assertThat(consumes(workload)).allMatch(c -> c.amount() >= 1);
    }
  }

  @Test
  void generate_completions_reserveAiTokensAndEndInEveryWay() {
    List<Call.Complete> completions = completions(WorkloadGenerator.generate(ACME, 17, CALLS)).toList();

    assertThat(completions).isNotEmpty().allSatisfy(c -> {
      assertThat(c.capabilityId()).isEqualTo(SeedCatalog.AI_TOKENS);
      assertThat(c.estimate()).isPositive();
      if (c.ending() == Call.Complete.Ending.FAIL) {
        assertThat(c.actual()).isZero();
      } else {
        assertThat((double) c.actual()).isBetween(WorkloadGenerator.MIN_ACTUAL * c.estimate() - 1,
            WorkloadGenerator.MAX_ACTUAL * c.estimate() + 1);
      }
    });
    assertThat(completions).extracting(Call.Complete::ending).contains(Call.Complete.Ending.values());
    assertThat(completions).anyMatch(Call.Complete::retried).anyMatch(c -> c.actual() > c.estimate());
    long slow = completions.stream().filter(c -> c.ending() == Call.Complete.Ending.SLOW).count();
    assertThat((double) slow / completions.size()).isCloseTo(WorkloadGenerator.SLOW_SHARE, within(0.02));
  }
}
