package dev.governor.storage.memory;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.runtime.CheckRequest;
import dev.governor.runtime.CheckResult;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import java.util.List;

/**
 * The README's quick start, verbatim between the markers; {@link QuickStartTest} runs it and checks
 * that the README still shows exactly these lines.
 */
final class QuickStart {
  private QuickStart() {}

  static String run() {
    // quick-start:begin
    GovernanceEngine engine = GovernanceEngine.builder().store(MemoryStore.create()).build();
    engine.entityTypes().upsert(List.of(
        EntityTypeUpsert.of("org").displayName("Organization").attributionKeys("orgId"),
        EntityTypeUpsert.of("user").displayName("User").attributionKeys("userId")));
    engine.capabilities().upsert(List.of(CapabilityUpsert.meter("ai-tokens")));
    engine.entities("cus-acme").upsert(List.of(
        EntityUpsert.of("org-acme").type("org"),
        EntityUpsert.of("alice").type("user").parent("org-acme")));
    engine.assignments("cus-acme").upsert(List.of(
        AssignmentUpsert.of("org-acme", "ai-tokens").usageLimit(1_000).cadence("P1M")));
    CheckResult check = engine.check("cus-acme", CheckRequest.of("alice", "ai-tokens").amount(800));
    ConsumeResult first = engine.consume("cus-acme", ConsumeRequest.of("alice", "ai-tokens", 800));
    ConsumeResult second = engine.consume("cus-acme", ConsumeRequest.of("alice", "ai-tokens", 800));
    System.out.println(check.hasAccess() + " " + first.status() + " " + second.status()); // true GRANTED DENIED
    // quick-start:end
    return check.hasAccess() + " " + first.status() + " " + second.status();
  }
}
