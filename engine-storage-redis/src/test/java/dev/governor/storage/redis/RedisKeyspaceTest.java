package dev.governor.storage.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.conformance.runtime.RuntimeConformanceBase;
import dev.governor.runtime.ConsumeResult.Status;
import dev.governor.spi.GovernanceStore;
import dev.governor.spi.OwnerChanges;
import dev.governor.catalog.Entity;
import dev.governor.storage.redis.testing.SharedRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What the store leaves in Redis (issue 11 §3 and §7): owners never share a key whatever their ids
 * hold; idempotency keys expire; a deleted budget's counter is removed; a counter is rewritten in
 * place at rollover, never one key or field per period.
 */
class RedisKeyspaceTest extends RuntimeConformanceBase {
  private String prefix;
  private RedisStore store;

  @Override
  protected GovernanceStore newStore() {
    prefix = SharedRedis.freshPrefix();
    store = RedisStores.onSharedConnection(prefix);
    return store;
  }

  private Set<String> keys() {
    String out = SharedRedis.server().cli("--scan", "--pattern", prefix + "*");
    return out.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(out.split("\n")));
  }

  private Keys.OwnerKeys ownerKeys(String ownerId) {
    return new Keys(prefix).owner(ownerId);
  }

  @Test
  void commitOwner_ownerWithColonAndOwnerWithEntityOfThatName_shareNoKey() {
    Instant t = Instant.parse("2026-01-15T10:00:00Z");
    Entity b = new Entity("b", "org", null, Map.of(), null, null, t, t);
    store.catalog().commitOwner("a:b", 0, new OwnerChanges(List.of(b), List.of(), List.of(), List.of()));
    Set<String> ofAb = keys();
    store.catalog().commitOwner("a", 0, new OwnerChanges(List.of(b), List.of(), List.of(), List.of()));
    Set<String> ofBoth = keys();

    Set<String> ofA = new TreeSet<>(ofBoth);
    ofA.removeAll(ofAb);
    assertThat(ofA).as("keys the second owner added").isNotEmpty()
        .allSatisfy(k -> assertThat(k).contains("{oa}").doesNotContain("a%003ab"));
    assertThat(store.catalog().owner("a:b", null).entity("b")).isEqualTo(b);
    assertThat(store.catalog().owner("a", null).entity("b")).isEqualTo(b);
    assertThat(store.catalog().owner("a:b", null).version()).isEqualTo(1L);
  }

  @Test
  void consume_withIdempotencyKey_keyExpiresAfterTheRetention() {
    tokens("team-eng", 100);
    assertThat(consume("user-alice", 1, "req-1").status()).isEqualTo(Status.GRANTED);

    String key = ownerKeys(OWNER).idempotencyKey("req-1");
    long ttl = Long.parseLong(SharedRedis.server().cli("PTTL", key));

    assertThat(ttl).as("PTTL of " + key).isPositive().isLessThanOrEqualTo(Duration.ofHours(24).toMillis());
  }

  @Test
  void deleteAssignment_withUsage_counterIsRemovedFromRedis() {
    Assignment team = tokens("team-eng", 100);
    Assignment user = tokens("user-alice", 100);
    consume("user-alice", 5);
    String counters = ownerKeys(OWNER).counters;
    assertThat(SharedRedis.server().cli("HLEN", counters)).isEqualTo("2");

    engine.assignments(OWNER).delete(List.of(user.id()));

    assertThat(SharedRedis.server().cli("HEXISTS", counters, user.id().toString())).isEqualTo("0");
    assertThat(SharedRedis.server().cli("HLEN", counters)).isEqualTo("1");
    assertThat(usage(team)).isEqualTo(5L);
  }

  @Test
  void deleteAssignment_withAlertClaims_claimsRemovedWithTheCounter() {
    Assignment user = upsert(AssignmentUpsert.of("user-alice", TOKENS).usageLimit(10).cadence("P1D").alertThresholds(0.5));
    consume("user-alice", 6);
    String counters = ownerKeys(OWNER).counters;
    assertThat(SharedRedis.server().cli("HEXISTS", counters, user.id() + "!a")).as("the claim of 0.5").isEqualTo("1");

    engine.assignments(OWNER).delete(List.of(user.id()));

    assertThat(SharedRedis.server().cli("HLEN", counters)).isEqualTo("0");
  }

  @Test
  void consume_acrossManyPeriodsWithAThreshold_claimsRewrittenInPlace() {
    Assignment team = upsert(AssignmentUpsert.of("team-eng", TOKENS).usageLimit(10).cadence("P1D").alertThresholds(0.5));
    String counters = ownerKeys(OWNER).counters;
    for (int day = 0; day < 10; day++) {
      clock.advance(Duration.ofDays(1));
      consume("user-alice", 6);
    }

    assertThat(SharedRedis.server().cli("HLEN", counters)).isEqualTo("2");
    // Period start and one claimed fraction: never more than the thresholds of one period.
    assertThat(SharedRedis.server().cli("HSTRLEN", counters, team.id() + "!a")).isEqualTo("16");
  }

  @Test
  void consume_acrossManyPeriods_oneCounterRewrittenInPlace() {
    Assignment team = budget("team-eng", TOKENS, 100, "P1D");
    String counters = ownerKeys(OWNER).counters;
    Set<String> keysAfterFirstDay = null;
    for (int day = 0; day < 30; day++) {
      if (day > 0) {
        clock.advance(Duration.ofDays(1));
      }
      assertThat(consume("user-alice", 7).status()).isEqualTo(Status.GRANTED);
      if (day == 0) {
        keysAfterFirstDay = keys();
      }
    }

    assertThat(keys()).isEqualTo(keysAfterFirstDay);
    assertThat(SharedRedis.server().cli("HLEN", counters)).isEqualTo("1");
    // One 16-byte counter (period start, usage), holding only the last day's usage.
    assertThat(SharedRedis.server().cli("HSTRLEN", counters, team.id().toString())).isEqualTo("16");
    assertThat(usage(team)).isEqualTo(7L);
  }
}
