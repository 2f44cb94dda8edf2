package dev.governor.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.governor.GovernanceEngine;
import dev.governor.GovernanceException;
import dev.governor.NotFoundException;
import dev.governor.Page;
import dev.governor.ValidationException;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.runtime.ConsumeRequest;
import dev.governor.runtime.ConsumeResult;
import dev.governor.runtime.EventResult;
import dev.governor.runtime.Subject;
import dev.governor.runtime.UsageEvent;
import dev.governor.spi.GovernanceStore;
import dev.governor.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up of the governance-tree query conformance suite (docs/semantics.md §8.2, issue 4). A store module
 * runs the suite by extending each {@code Query*ConformanceTest} and returning a new, unopened store
 * from {@link #newStore()}; every test gets its own store, engine and fake clock.
 */
public abstract class QueryConformanceBase {
  protected static final String OWNER = "cus-acme";
  protected static final String OTHER_OWNER = "cus-globex";
  protected static final String TOKENS = "ai-tokens";
  protected static final String CALLS = "api-calls";

  /** Every test's clock starts here: a Thursday in the middle of a calendar month. */
  protected static final Instant START = Instant.parse("2026-01-15T10:00:00Z");
  protected static final Instant JAN_1 = Instant.parse("2026-01-01T00:00:00Z");
  protected static final Instant FEB_1 = Instant.parse("2026-02-01T00:00:00Z");
  protected static final Instant MAR_1 = Instant.parse("2026-03-01T00:00:00Z");

  protected FakeClock clock;
  protected GovernanceEngine engine;

  /** A new, empty store that serves no engine yet. */
  protected abstract GovernanceStore newStore();

  @BeforeEach
  void startEngine() {
    clock = new FakeClock(START);
    engine = newEngine(clock);
  }

  /** A new engine on a new store, reading time from {@code clock}. */
  protected GovernanceEngine newEngine(FakeClock clock) {
    return GovernanceEngine.builder().store(newStore()).clock(clock).build();
  }

  /** The hosted product's setup-guide catalog: types org, team, user, agent, model; two meters. */
  protected static void seedCatalog(GovernanceEngine engine) {
    engine.entityTypes().upsert(List.of(
        EntityTypeUpsert.of("org").displayName("Organization").attributionKeys("orgId"),
        EntityTypeUpsert.of("team").displayName("Team").attributionKeys("teamId"),
        EntityTypeUpsert.of("user").displayName("User").attributionKeys("userId"),
        EntityTypeUpsert.of("agent").displayName("AI agent").attributionKeys("agentId"),
        EntityTypeUpsert.of("model").displayName("Model").attributionKeys("modelId")));
    engine.capabilities().upsert(List.of(CapabilityUpsert.meter(TOKENS), CapabilityUpsert.meter(CALLS)));
  }

  protected void seedCatalog() {
    seedCatalog(engine);
  }

  protected List<Entity> createEntities(String ownerId, EntityUpsert... items) {
    return engine.entities(ownerId).upsert(List.of(items));
  }

  protected List<Entity> createEntities(EntityUpsert... items) {
    return createEntities(OWNER, items);
  }

  protected List<Assignment> createBudgets(String ownerId, AssignmentUpsert... items) {
    return engine.assignments(ownerId).upsert(List.of(items));
  }

  protected Assignment createBudget(AssignmentUpsert item) {
    return createBudgets(OWNER, item).get(0);
  }

  /** A complete create item: a monthly budget. */
  protected static AssignmentUpsert monthly(String entityId, String capabilityId, long limit) {
    return AssignmentUpsert.of(entityId, capabilityId).usageLimit(limit).cadence("P1M");
  }

  /** A complete create item: a monthly tracked-but-unlimited budget. */
  protected static AssignmentUpsert unlimitedMonthly(String entityId, String capabilityId) {
    return AssignmentUpsert.of(entityId, capabilityId).unlimited().cadence("P1M");
  }

  /** Moves the clock one second, so writes after this call carry a later timestamp. */
  protected Instant tick() {
    return clock.advance(Duration.ofSeconds(1));
  }

  /** Records usage that never gates (it may overspend); asserts it was recorded. */
  protected void ingest(String ownerId, Subject subject, String capabilityId, long amount) {
    List<EventResult> events = engine.ingest(ownerId, List.of(UsageEvent.of(subject, capabilityId, amount))).events();
    assertThat(events).extracting(EventResult::outcome).containsExactly(EventResult.Outcome.RECORDED);
  }

  protected void ingest(String entityId, String capabilityId, long amount) {
    ingest(OWNER, Subject.entity(entityId), capabilityId, amount);
  }

  /** Consumes and asserts it was granted. */
  protected void consume(String ownerId, Subject subject, String capabilityId, long amount) {
    ConsumeResult result = engine.consume(ownerId, ConsumeRequest.of(subject, capabilityId, amount));
    assertThat(result.status()).as("consume %s of %s by %s", amount, capabilityId, subject)
        .isEqualTo(ConsumeResult.Status.GRANTED);
  }

  protected void consume(String entityId, String capabilityId, long amount) {
    consume(OWNER, Subject.entity(entityId), capabilityId, amount);
  }

  protected Page<TreeRow> page(TreeQuery query) {
    return engine.query(OWNER, query);
  }

  /** The rows of a query that fits in one page of 100; asserts there is no further page. */
  protected List<TreeRow> rows(String ownerId, TreeQuery query) {
    Page<TreeRow> page = engine.query(ownerId, query.limit(100));
    assertThat(page.nextCursor()).as("a query expected to fit in one page").isNull();
    return page.items();
  }

  protected List<TreeRow> rows(TreeQuery query) {
    return rows(OWNER, query);
  }

  /** The one row of a query expected to return exactly one. */
  protected TreeRow onlyRow(TreeQuery query) {
    List<TreeRow> rows = rows(query);
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  /** The rows of a query as readable labels such as {@code team-eng/ai-tokens[model-gpt4o]}, in order. */
  protected List<String> labels(TreeQuery query) {
    return rows(query).stream().map(QueryConformanceBase::label).toList();
  }

  protected static String label(TreeRow row) {
    return row.capabilityId() == null ? row.entityId()
        : row.entityId() + "/" + row.capabilityId() + row.scopeEntityIds().toString().replace(" ", "");
  }

  /** Every row of a query, walking the pages with page size {@code limit}. */
  protected static List<TreeRow> walk(GovernanceEngine engine, String ownerId, TreeQuery query, int limit) {
    List<TreeRow> all = new ArrayList<>();
    Page<TreeRow> page = engine.query(ownerId, query.limit(limit));
    all.addAll(page.items());
    while (page.hasNext()) {
      assertThat(page.items()).as("a page followed by another is full").hasSize(limit);
      page = engine.query(ownerId, query.limit(limit).after(page.nextCursor()));
      assertThat(page.items()).as("a page announced by a cursor is not empty").isNotEmpty();
      all.addAll(page.items());
      // A cursor that repeats rows would otherwise walk forever; no test owner has 10,000 rows here.
      assertThat(all).as("rows walked (a cursor that never ends the walk)").hasSizeLessThanOrEqualTo(10_000);
    }
    return all;
  }

  /** Asserts {@code call} throws a validation error on {@code field}. */
  protected static ValidationException expectValidation(String field, ThrowingCallable call) {
    return expect(ValidationException.class, field, call);
  }

  /** Asserts {@code call} throws a not-found error on {@code field}. */
  protected static NotFoundException expectNotFound(String field, ThrowingCallable call) {
    return expect(NotFoundException.class, field, call);
  }

  private static <E extends GovernanceException> E expect(Class<E> type, String field, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("expected %s", type.getSimpleName()).isInstanceOf(type);
    E e = type.cast(thrown);
    assertThat(e.field()).as("field of %s", e.getMessage()).isEqualTo(field);
    assertThat(e.index()).as("index of %s (a query is not a batch)", e.getMessage()).isEqualTo(-1);
    return e;
  }
}
