package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.governor.AssignmentCatalog;
import dev.governor.ConflictException;
import dev.governor.EntityCatalog;
import dev.governor.GovernanceEngine;
import dev.governor.GovernanceEngineBuilder;
import dev.governor.GovernanceException;
import dev.governor.NotFoundException;
import dev.governor.Quote;
import dev.governor.ValidationException;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.spi.GovernanceStore;
import dev.governor.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared set-up of the catalog conformance suite. A store module runs the suite by extending each
 * {@code *ConformanceTest} and returning a new, unopened store from {@link #newStore()}; every test
 * gets its own store, engine and fake clock.
 */
public abstract class CatalogConformanceBase {
  protected static final String OWNER = "cus-acme";
  protected static final String OTHER_OWNER = "cus-globex";
  protected static final String TOKENS = "ai-tokens";
  protected static final String CALLS = "api-calls";

  // The seed tree (see seedTree): org-acme > team-eng > user-ann, org-acme > team-ops, and roots
  // user-bob and model-gpt4o.
  protected static final String ORG = "org-acme";
  protected static final String TEAM_ENG = "team-eng";
  protected static final String TEAM_OPS = "team-ops";
  protected static final String USER_ANN = "user-ann";
  protected static final String USER_BOB = "user-bob";
  protected static final String MODEL = "model-gpt4o";

  protected FakeClock clock;
  protected GovernanceStore store;
  protected GovernanceEngine engine;

  /** A new, empty store that serves no engine yet. */
  protected abstract GovernanceStore newStore();

  @BeforeEach
  void startEngine() {
    clock = FakeClock.atDefaultStart();
    newEngine(UnaryOperator.identity());
  }

  /** Replaces this test's engine (and store) with a fresh one built with extra settings. */
  protected GovernanceEngine newEngine(UnaryOperator<GovernanceEngineBuilder> settings) {
    return newEngine(newStore(), settings);
  }

  /** Replaces this test's engine with one over {@code store}, for tests that wrap the store. */
  protected GovernanceEngine newEngine(GovernanceStore store, UnaryOperator<GovernanceEngineBuilder> settings) {
    this.store = store;
    engine = settings.apply(GovernanceEngine.builder().store(store).clock(clock)).build();
    return engine;
  }

  /** The hosted product's setup-guide catalog: types org, team, user, agent, model; two meters. */
  protected void seedCatalog() {
    engine.entityTypes().upsert(List.of(
        EntityTypeUpsert.of("org").displayName("Organization").attributionKeys("orgId"),
        EntityTypeUpsert.of("team").displayName("Team").attributionKeys("teamId"),
        EntityTypeUpsert.of("user").displayName("User").attributionKeys("userId"),
        EntityTypeUpsert.of("agent").displayName("AI agent").attributionKeys("agentId"),
        EntityTypeUpsert.of("model").displayName("Model").attributionKeys("modelId")));
    engine.capabilities().upsert(List.of(CapabilityUpsert.meter(TOKENS), CapabilityUpsert.meter(CALLS)));
  }

  /** The seed catalog plus the seed tree in {@code ownerId}. */
  protected void seedTree(String ownerId) {
    if (engine.entityTypes().get("org").isEmpty()) {
      seedCatalog();
    }
    engine.entities(ownerId).upsert(List.of(
        EntityUpsert.of(ORG).type("org").displayName("Acme"),
        EntityUpsert.of(TEAM_ENG).type("team").parent(ORG),
        EntityUpsert.of(TEAM_OPS).type("team").parent(ORG),
        EntityUpsert.of(USER_ANN).type("user").parent(TEAM_ENG),
        EntityUpsert.of(USER_BOB).type("user"),
        EntityUpsert.of(MODEL).type("model")));
  }

  protected EntityCatalog entities() {
    return engine.entities(OWNER);
  }

  protected AssignmentCatalog assignments() {
    return engine.assignments(OWNER);
  }

  /** The stored entity of {@link #OWNER}; fails the test when it is missing. */
  protected Entity entity(String id) {
    return entities().get(id).orElseThrow(() -> new AssertionError("entity " + id + " is missing"));
  }

  protected Entity createEntity(String id, String typeId) {
    return entities().upsert(List.of(EntityUpsert.of(id).type(typeId))).get(0);
  }

  protected Entity createEntity(String id, String typeId, String parentId) {
    return entities().upsert(List.of(EntityUpsert.of(id).type(typeId).parent(parentId))).get(0);
  }

  /** A complete create item: a monthly budget of 1,000. */
  protected static AssignmentUpsert budget(String entityId, String capabilityId) {
    return AssignmentUpsert.of(entityId, capabilityId).usageLimit(1_000).cadence("P1M");
  }

  /** Moves the clock one minute, so a write after this call is told apart by its timestamps. */
  protected Instant tick() {
    return clock.advance(Duration.ofMinutes(1));
  }

  /** The whole catalog of the engine-wide part and both test owners, read through the SPI. */
  protected CatalogSnapshot snapshot() {
    return CatalogSnapshot.of(store.catalog(), List.of(OWNER, OTHER_OWNER));
  }

  /**
   * Runs {@code call}, asserts it throws {@code type}, and asserts that the catalog (versions
   * included) is exactly as it was before.
   */
  protected <E extends GovernanceException> E expectRejected(Class<E> type, ThrowingCallable call) {
    CatalogSnapshot before = snapshot();
    // A write that slipped through would carry a later timestamp than anything stored.
    tick();
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).as("expected %s", type.getSimpleName()).isInstanceOf(type);
    assertThat(snapshot()).as("catalog after the rejected call").isEqualTo(before);
    return type.cast(thrown);
  }

  protected ValidationException expectValidation(int index, String field, ThrowingCallable call) {
    ValidationException e = expectRejected(ValidationException.class, call);
    assertThat(e.index()).as("index of %s", e.getMessage()).isEqualTo(index);
    assertThat(e.field()).as("field of %s", e.getMessage()).isEqualTo(field);
    return e;
  }

  protected NotFoundException expectNotFound(int index, String field, ThrowingCallable call) {
    NotFoundException e = expectRejected(NotFoundException.class, call);
    assertThat(e.index()).as("index of %s", e.getMessage()).isEqualTo(index);
    assertThat(e.field()).as("field of %s", e.getMessage()).isEqualTo(field);
    return e;
  }

  protected ConflictException expectConflict(int index, String field, ConflictException.Reason reason,
      ThrowingCallable call) {
    ConflictException e = expectRejected(ConflictException.class, call);
    assertThat(e.reason()).as("reason of %s", e.getMessage()).isEqualTo(reason);
    assertThat(e.index()).as("index of %s", e.getMessage()).isEqualTo(index);
    assertThat(e.field()).as("field of %s", e.getMessage()).isEqualTo(field);
    return e;
  }

  /** Asserts the error quotes {@code sent} the way {@link Quote} does, in value() and message. */
  protected static void assertQuotes(GovernanceException e, String sent) {
    assertThat(e.value()).isEqualTo(Quote.of(sent));
    assertThat(e.getMessage()).contains(Quote.of(sent));
  }

  /** Ids every catalog field must reject; each breaks one part of the id rule. */
  protected static Stream<String> invalidIds() {
    return Stream.of(
        null,
        "",
        "-org",
        "_org",
        ".org",
        "|org",
        "@org",
        "org acme",
        "org/acme",
        "org:acme",
        "org@acme",
        "örg",
        "org\n",
        "org\u0000x",
        "x".repeat(256));
  }

  /** Ids at the edges of the id rule that every catalog field accepts. */
  protected static Stream<String> validIds() {
    return Stream.of("a", "Z", "7", "org_1|a.b-c", "9-lives", "x".repeat(255));
  }

  /** Display names the rule rejects: blank, too long, or with control characters. */
  protected static Stream<String> invalidDisplayNames() {
    return Stream.of(null, "", " ", "\t", "\u2003", "x".repeat(256), "Acme\nInc", "Acme\u0000", "Acme\u001b[31m",
        "Acme\u007f");
  }

  /** C1 control characters (U+0080..U+009F) are control characters too; U+009B is a terminal CSI. */
  protected static Stream<String> c1ControlDisplayNames() {
    return Stream.of("Acme\u0085Inc", "Acme\u009b31m");
  }
}
