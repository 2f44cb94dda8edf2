package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 14 over HTTP: reserve, settle, release and read a reservation, field by field; held amounts
 * in check and query answers; denials as values; idempotent retries; bad input named and harmless.
 * Each test has its own owner with the tree of {@link Trees#acme}: user-alice under team-eng (500)
 * under org-acme (1,000), and team-eng's 50 scoped to model-gpt4o. The fake clock stands still unless
 * a test moves it (only forward: the store keeps closed records in close order).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReservationRoutesTest {
  private static final String UNKNOWN_ID = "0123456789abcdef0123456789abcdef";
  private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  // One server for the class (a server's graceful stop costs about a second); each test has an
  // owner of its own, so that no test sees another's holds.
  private ServerFixture api;
  private int owners;
  private String owner;
  private String reservations;
  /** The clock when the test started. */
  private Instant t0;

  @BeforeAll
  void start() {
    api = new ServerFixture();
  }

  @BeforeEach
  void tree() {
    t0 = api.clock.instant();
    owner = "cus-r" + ++owners;
    reservations = "/owners/" + owner + "/reservations";
    Trees.acme(api, owner);
  }

  @AfterAll
  void stop() {
    api.close();
  }

  @Test
  void reserve_withinEveryBudget_201WithTheReservationHoldingEachBudget() {
    ServerFixture.Reply r = api.post(reservations, alice(300, "PT2M", null));

    assertThat(r.status()).isEqualTo(201);
    JsonNode body = r.body();
    assertThat(body.get("status").asText()).isEqualTo("GRANTED");
    assertThat(body.get("granted").asBoolean()).isTrue();
    assertThat(body.get("reason").isNull()).isTrue();
    assertThat(body.get("deniedBy").isNull()).isTrue();
    JsonNode reservation = body.get("reservation");
    assertThat(fieldNames(reservation)).containsExactly("id", "capabilityId", "estimate", "createdAt", "expiresAt", "assignmentIds", "state",
        "actual", "closedAt");
    assertThat(reservation.get("id").asText()).matches("[0-9a-f]{32}");
    assertThat(reservation.get("capabilityId").asText()).isEqualTo("ai-tokens");
    assertThat(reservation.get("estimate").asLong()).isEqualTo(300);
    assertThat(reservation.get("createdAt").asText()).isEqualTo(wire(t0));
    assertThat(reservation.get("expiresAt").asText()).isEqualTo(wire(t0.plus(Duration.ofMinutes(2))));
    assertThat(strings(reservation.get("assignmentIds"))).containsExactlyElementsOf(List.of(assignmentId("team-eng"), assignmentId("org-acme")));
    assertThat(reservation.get("state").asText()).isEqualTo("OPEN");
    assertThat(reservation.get("actual").isNull()).isTrue();
    assertThat(reservation.get("closedAt").isNull()).isTrue();
  }

  @Test
  void check_whileAReservationHolds_budgetsShowReservedAndRemainingLessIt() {
    reserveId(alice(300, "PT2M", null));

    JsonNode team = checkAlice(0).get("budgets").get(0);
    JsonNode more = checkAlice(250);

    assertThat(team.get("entityId").asText()).isEqualTo("team-eng");
    assertThat(team.get("currentUsage").asLong()).isZero();
    assertThat(team.get("reserved").asLong()).isEqualTo(300);
    assertThat(team.get("remaining").asLong()).isEqualTo(200);
    assertThat(more.get("hasAccess").asBoolean()).as("0 used + 300 held + 250 asked > 500").isFalse();
    assertThat(more.get("deniedBy").get("entityId").asText()).isEqualTo("team-eng");
  }

  @Test
  void consume_whileAReservationHolds_reservedShownInItsBudgetsToo() {
    reserveId(alice(300, "PT2M", null));

    JsonNode consumed = api.post("/owners/" + owner + "/consume", "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"amount\": 100}").body();

    assertThat(consumed.get("status").asText()).isEqualTo("GRANTED");
    JsonNode team = consumed.get("budgets").get(0);
    assertThat(team.get("currentUsage").asLong()).isEqualTo(100);
    assertThat(team.get("reserved").asLong()).isEqualTo(300);
    assertThat(team.get("remaining").asLong()).isEqualTo(100);
  }

  @Test
  void settle_aboveTheEstimate_200RecordsTheActualAndReportsOverEstimate() {
    String id = reserveId(alice(300, "PT2M", null));
    api.clock.advance(Duration.ofSeconds(30));

    ServerFixture.Reply r = api.post(reservations + "/" + id + "/settle", "{\"actual\": 350}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("status").asText()).isEqualTo("SETTLED");
    assertThat(r.body().get("actual").asLong()).isEqualTo(350);
    assertThat(r.body().get("overEstimate").asLong()).isEqualTo(50);
    assertThat(r.body().get("expired").asBoolean()).isFalse();
    assertThat(strings(r.body().get("recordedAssignmentIds"))).containsExactly(assignmentId("team-eng"), assignmentId("org-acme"));
    JsonNode reservation = r.body().get("reservation");
    assertThat(reservation.get("state").asText()).isEqualTo("SETTLED");
    assertThat(reservation.get("actual").asLong()).isEqualTo(350);
    assertThat(reservation.get("closedAt").asText()).isEqualTo(wire(t0.plusSeconds(30)));
    JsonNode team = checkAlice(0).get("budgets").get(0);
    assertThat(team.get("currentUsage").asLong()).as("the actual, recorded in full").isEqualTo(350);
    assertThat(team.get("reserved").asLong()).as("the hold is gone").isZero();
  }

  @Test
  void settle_retriedWithTheSameActual_alreadySettledAndRecordedOnce() {
    String id = reserveId(alice(300, "PT2M", null));
    Trees.ok(api.post(reservations + "/" + id + "/settle", "{\"actual\": 120}"));

    ServerFixture.Reply again = api.post(reservations + "/" + id + "/settle", "{\"actual\": 120}");

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("status").asText()).isEqualTo("ALREADY_SETTLED");
    assertThat(again.body().get("recordedAssignmentIds")).isEmpty();
    assertThat(again.body().get("reservation").get("actual").asLong()).isEqualTo(120);
    assertThat(checkAlice(0).get("budgets").get(0).get("currentUsage").asLong()).isEqualTo(120);
  }

  @Test
  void settle_anotherActualAfterASettle_409ReservationClosedAndNothingRecorded() {
    String id = reserveId(alice(300, "PT2M", null));
    Trees.ok(api.post(reservations + "/" + id + "/settle", "{\"actual\": 120}"));

    ServerFixture.Reply r = api.post(reservations + "/" + id + "/settle", "{\"actual\": 99}");

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.body().get("code").asText()).isEqualTo("CONFLICT_RESERVATION_CLOSED");
    assertThat(r.body().get("field").asText()).isEqualTo("actual");
    assertThat(r.body().get("message").asText()).contains("settled with actual 120");
    assertThat(checkAlice(0).get("budgets").get(0).get("currentUsage").asLong()).isEqualTo(120);
  }

  @Test
  void settle_afterARelease_409ReservationClosedAndNothingRecorded() {
    String id = reserveId(alice(300, "PT2M", null));
    Trees.ok(api.post(reservations + "/" + id + "/release", "{}"));

    ServerFixture.Reply r = api.post(reservations + "/" + id + "/settle", "{\"actual\": 10}");

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.body().get("code").asText()).isEqualTo("CONFLICT_RESERVATION_CLOSED");
    assertThat(checkAlice(0).get("budgets").get(0).get("currentUsage").asLong()).isZero();
  }

  @Test
  void settle_afterTheHoldExpired_recordsTheActualAndSaysExpired() {
    String id = reserveId(alice(300, "PT1M", null));
    api.clock.advance(Duration.ofMinutes(2));
    assertThat(checkAlice(0).get("budgets").get(0).get("reserved").asLong()).as("an expired hold counts for nothing").isZero();

    ServerFixture.Reply r = api.post(reservations + "/" + id + "/settle", "{\"actual\": 80}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("status").asText()).isEqualTo("SETTLED");
    assertThat(r.body().get("expired").asBoolean()).isTrue();
    assertThat(r.body().get("overEstimate").asLong()).isZero();
    assertThat(checkAlice(0).get("budgets").get(0).get("currentUsage").asLong()).isEqualTo(80);
  }

  @Test
  void release_afterASettle_alreadySettledAndTheActualStays() {
    String id = reserveId(alice(300, "PT2M", null));
    Trees.ok(api.post(reservations + "/" + id + "/settle", "{\"actual\": 350}"));

    ServerFixture.Reply r = api.post(reservations + "/" + id + "/release", "{}");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("status").asText()).isEqualTo("ALREADY_SETTLED");
    assertThat(r.body().get("reservation").get("state").asText()).isEqualTo("SETTLED");
    assertThat(r.body().get("reservation").get("actual").asLong()).isEqualTo(350);
    assertThat(r.body().get("expired").asBoolean()).isFalse();
    assertThat(checkAlice(0).get("budgets").get(0).get("currentUsage").asLong()).isEqualTo(350);
  }

  @Test
  void release_bareOpenReservationTwice_releasedThenAlreadyReleasedAndNothingRecorded() {
    String id = reserveId(alice(300, "PT2M", null));

    // A bare POST: no body, no Content-Type (a release names everything in its path).
    ServerFixture.Reply first = api.send("POST", reservations + "/" + id + "/release", null);
    ServerFixture.Reply second = api.post(reservations + "/" + id + "/release", "{}");

    assertThat(first.status()).as("%s", first.body()).isEqualTo(200);
    assertThat(first.body().get("status").asText()).isEqualTo("RELEASED");
    assertThat(first.body().get("reservation").get("state").asText()).isEqualTo("RELEASED");
    assertThat(first.body().get("reservation").get("actual").isNull()).isTrue();
    assertThat(first.body().get("reservation").get("closedAt").asText()).isEqualTo(wire(t0));
    assertThat(second.body().get("status").asText()).isEqualTo("ALREADY_RELEASED");
    JsonNode team = checkAlice(0).get("budgets").get(0);
    assertThat(team.get("reserved").asLong()).isZero();
    assertThat(team.get("currentUsage").asLong()).isZero();
  }

  @Test
  void release_barePostWithoutAnyLengthHeader_200Released() throws Exception {
    String id = reserveId(alice(300, "PT2M", null));

    // As curl -X POST sends it: neither Content-Length nor Content-Type nor a chunked body.
    String reply;
    try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
      socket.setSoTimeout(30_000);
      String head = "POST " + reservations + "/" + id + "/release HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
          + ServerFixture.ADMIN + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(reply).startsWith("HTTP/1.1 200").contains("\"status\":\"RELEASED\"");
    assertThat(api.get(reservations + "/" + id).body().get("state").asText()).isEqualTo("RELEASED");
  }

  @Test
  void get_afterEachStep_showsTheReservationAsKept() {
    String id = reserveId(alice(300, "PT2M", null));

    JsonNode open = api.get(reservations + "/" + id).body();
    Trees.ok(api.post(reservations + "/" + id + "/settle", "{\"actual\": 200}"));
    ServerFixture.Reply settled = api.get(reservations + "/" + id);

    assertThat(open.get("id").asText()).isEqualTo(id);
    assertThat(open.get("state").asText()).isEqualTo("OPEN");
    assertThat(open.get("estimate").asLong()).isEqualTo(300);
    assertThat(settled.status()).isEqualTo(200);
    assertThat(settled.body().get("state").asText()).isEqualTo("SETTLED");
    assertThat(settled.body().get("actual").asLong()).isEqualTo(200);
    assertThat(settled.body().get("closedAt").asText()).isEqualTo(wire(t0));
  }

  @Test
  void reserve_pastTheScopedBudget_deniedAsAValueNamingTheBlockingBudgetAndNothingHeld() {
    ServerFixture.Reply r = api.post(reservations,
        "{\"dimensions\": {\"userId\": \"user-alice\", \"modelId\": \"model-gpt4o\"}, \"capabilityId\": \"ai-tokens\", \"estimate\": 60, \"ttl\": \"PT2M\"}");

    assertThat(r.status()).as("a denial is an answer, not an error").isEqualTo(200);
    JsonNode body = r.body();
    assertThat(body.get("status").asText()).isEqualTo("DENIED");
    assertThat(body.get("granted").asBoolean()).isFalse();
    assertThat(body.get("reservation").isNull()).isTrue();
    assertThat(body.get("reason").asText()).isEqualTo("BUDGET_EXCEEDED");
    assertThat(body.get("budgets")).hasSize(3);
    JsonNode deniedBy = body.get("deniedBy");
    assertThat(deniedBy.get("entityId").asText()).isEqualTo("team-eng");
    assertThat(strings(deniedBy.get("scopeEntityIds"))).containsExactly("model-gpt4o");
    assertThat(deniedBy.get("usageLimit").asLong()).isEqualTo(50);
    assertThat(deniedBy.get("hasAccess").asBoolean()).isFalse();
    assertThat(heldOnEveryBudget()).as("nothing held").containsOnly(0L);
  }

  @Test
  void reserve_pastWhatAnotherReservationLeft_deniedWithTheHoldInTheBlockingBudget() {
    reserveId(alice(450, "PT2M", null));

    JsonNode body = api.post(reservations, alice(100, "PT2M", null)).body();

    assertThat(body.get("status").asText()).isEqualTo("DENIED");
    assertThat(body.get("deniedBy").get("entityId").asText()).isEqualTo("team-eng");
    assertThat(body.get("deniedBy").get("reserved").asLong()).isEqualTo(450);
    assertThat(body.get("deniedBy").get("remaining").asLong()).isEqualTo(50);
  }

  @Test
  void reserve_sameKeyRetried_200DuplicateWithTheFirstReservationHeldOnce() {
    ServerFixture.Reply first = api.post(reservations, alice(300, "PT2M", "req-42"));

    ServerFixture.Reply retry = api.post(reservations, alice(300, "PT2M", "req-42"));

    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.body().get("status").asText()).isEqualTo("DUPLICATE");
    assertThat(retry.body().get("granted").asBoolean()).isTrue();
    assertThat(retry.body().get("reservation").get("id").asText()).isEqualTo(first.body().get("reservation").get("id").asText());
    assertThat(checkAlice(0).get("budgets").get(0).get("reserved").asLong()).isEqualTo(300);
  }

  @Test
  void reserve_keyReusedWithAnotherEstimate_409AndOnlyTheFirstHeld() {
    reserveId(alice(300, "PT2M", "req-42"));

    ServerFixture.Reply r = api.post(reservations, alice(301, "PT2M", "req-42"));

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.body().get("code").asText()).isEqualTo("CONFLICT_IDEMPOTENCY_KEY_REUSED");
    assertThat(r.body().get("field").asText()).isEqualTo("idempotencyKey");
    assertThat(checkAlice(0).get("budgets").get(0).get("reserved").asLong()).isEqualTo(300);
  }

  @ParameterizedTest(name = "{0} -> 400 {1}")
  @CsvSource(delimiter = '|', value = {
      "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"estimate\": 0, \"ttl\": \"PT2M\"}|estimate",
      "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"estimate\": -5, \"ttl\": \"PT2M\"}|estimate",
      "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"estimate\": \"5\", \"ttl\": \"PT2M\"}|estimate",
      "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"ttl\": \"PT2M\"}|estimate",
      "{\"entityIds\": [\"user-alice\"], \"estimate\": 5, \"ttl\": \"PT2M\"}|capabilityId",
      "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"estimate\": 5, \"ttl\": \"5 minutes\"}|ttl",
      "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"estimate\": 5, \"ttl\": \"P8D\"}|ttl",
      "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"estimate\": 5, \"ttl\": \"PT0.5S\"}|ttl",
      "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"estimate\": 5, \"ttl\": 300}|ttl",
      "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"estimate\": 5}|ttl",
      "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"estimate\": 5, \"ttl\": \"PT2M\", \"ttlSeconds\": 120}|ttlSeconds",
      "{\"capabilityId\": \"ai-tokens\", \"estimate\": 5, \"ttl\": \"PT2M\"}|entityIds",
      "{\"entityIds\": [\"user-alice\"], \"dimensions\": {\"userId\": \"user-alice\"}, \"capabilityId\": \"ai-tokens\", \"estimate\": 5, \"ttl\": \"PT2M\"}|dimensions",
      "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"estimate\": 5, \"ttl\": \"PT2M\", \"idempotencyKey\": 7}|idempotencyKey"})
  void reserve_badInput_400NamingTheFieldAndNothingHeld(String body, String field) {
    String before = state();

    ServerFixture.Reply r = api.post(reservations, body);

    assertThat(r.status()).as("%s", r.body()).isEqualTo(400);
    assertThat(r.body().get("code").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(r.body().get("field").asText()).isEqualTo(field);
    assertThat(r.body().get("message").asText()).isNotBlank();
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void reserve_ttlOutOfRange_errorQuotesTheValueAsSent() {
    ServerFixture.Reply r = api.post(reservations, alice(5, "P8D", null));

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body().get("value").asText()).isEqualTo("P8D");
    assertThat(r.body().get("message").asText()).contains("P7D");
  }

  @ParameterizedTest(name = "{0} {1} -> 400 {3}")
  @CsvSource(delimiter = '|', value = {
      "GET|/not-a-reservation-id||id",
      "GET|/0123456789ABCDEF0123456789ABCDEF||id",
      "POST|/0123456789abcdef/settle|{\"actual\": 5}|id",
      "POST|/0123456789abcdef0123456789abcdeg/release|{}|id",
      "POST|/" + UNKNOWN_ID + "/settle|{\"actual\": -1}|actual",
      "POST|/" + UNKNOWN_ID + "/settle|{}|actual",
      "POST|/" + UNKNOWN_ID + "/settle|{\"actual\": 5, \"estimate\": 5}|estimate",
      "POST|/" + UNKNOWN_ID + "/release|{\"actual\": 5}|actual"})
  void settleReleaseGet_badInput_400NamingTheFieldAndNothingChanged(String method, String path, String body, String field) {
    String id = reserveId(alice(300, "PT2M", null));
    String before = state() + api.get(reservations + "/" + id).body();

    ServerFixture.Reply r = api.send(method, reservations + path, body);

    assertThat(r.status()).as("%s", r.body()).isEqualTo(400);
    assertThat(r.body().get("code").asText()).isEqualTo("VALIDATION_ERROR");
    assertThat(r.body().get("field").asText()).isEqualTo(field);
    assertThat(state() + api.get(reservations + "/" + id).body()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0} {1} -> 404")
  @CsvSource(delimiter = '|', value = {"GET||", "POST|/settle|{\"actual\": 5}", "POST|/release|{}"})
  void settleReleaseGet_unknownId_404NamingTheId(String method, String suffix, String body) {
    ServerFixture.Reply r = api.send(method, reservations + "/" + UNKNOWN_ID + (suffix == null ? "" : suffix), body);

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body().get("code").asText()).isEqualTo("NOT_FOUND");
    assertThat(r.body().get("field").asText()).isEqualTo("id");
    assertThat(r.body().get("message").asText()).contains(UNKNOWN_ID);
  }

  @Test
  void reserve_ownerTheTokenDoesNotReach_403AndNothingHeld() {
    ServerFixture.Reply r = api.send("POST", reservations, alice(5, "PT2M", null), ServerFixture.ACME_ONLY);

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body().get("code").asText()).isEqualTo("FORBIDDEN");
    assertThat(r.body().get("field").asText()).isEqualTo("ownerId");
    assertThat(heldOnEveryBudget()).containsOnly(0L);
  }

  @Test
  void query_whileAReservationHolds_rowsCarryReservedAndRemaining() {
    reserveId(alice(300, "PT2M", null));
    Trees.ok(api.post("/owners/" + owner + "/consume", "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"amount\": 100}"));

    JsonNode rows = api.get("/owners/" + owner + "/query?capabilityIds=ai-tokens&sortBy=usageLimit&order=desc").body().get("data");
    JsonNode tree = api.get("/owners/" + owner + "/query?sortBy=id&order=asc").body().get("data");

    assertThat(rows).hasSize(3);
    JsonNode org = rows.get(0);
    assertThat(org.get("entityId").asText()).isEqualTo("org-acme");
    assertThat(org.get("currentUsage").asLong()).isEqualTo(100);
    assertThat(org.get("reserved").asLong()).isEqualTo(300);
    assertThat(org.get("remaining").asLong()).isEqualTo(600);
    assertThat(org.get("utilization").asDouble()).as("utilization stays usage over limit").isEqualTo(0.1);
    JsonNode team = rows.get(1);
    assertThat(team.get("reserved").asLong()).isEqualTo(300);
    assertThat(team.get("remaining").asLong()).isEqualTo(100);
    JsonNode scoped = rows.get(2);
    assertThat(strings(scoped.get("scopeEntityIds"))).containsExactly("model-gpt4o");
    assertThat(scoped.get("reserved").asLong()).as("alice's hold did not name the model").isZero();
    assertThat(scoped.get("remaining").asLong()).isEqualTo(50);
    assertThat(tree.get(0).get("reserved").isNull()).as("tree rows have no budget").isTrue();
    assertThat(tree.get(0).get("remaining").isNull()).isTrue();
  }

  /** A reserve for user-alice (team-eng 500, org-acme 1,000). */
  private static String alice(long estimate, String ttl, String key) {
    return "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"estimate\": " + estimate + ", \"ttl\": \"" + ttl + "\""
        + (key == null ? "" : ", \"idempotencyKey\": \"" + key + "\"") + "}";
  }

  private String reserveId(String body) {
    ServerFixture.Reply r = api.post(reservations, body);
    assertThat(r.status()).as("reserve answered %s", r.body()).isEqualTo(201);
    return r.body().get("reservation").get("id").asText();
  }

  private JsonNode checkAlice(long amount) {
    ServerFixture.Reply r = api.post("/owners/" + owner + "/check",
        "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"requestedAmount\": " + amount + "}");
    assertThat(r.status()).isEqualTo(200);
    return r.body();
  }

  private String assignmentId(String entityId) {
    for (JsonNode a : api.get("/owners/" + owner + "/assignments?entityId=" + entityId).body().get("data")) {
      if (a.get("scopeEntityIds").isEmpty()) {
        return a.get("id").asText();
      }
    }
    throw new AssertionError("no node-wide budget on " + entityId);
  }

  /** The held amount of every budget of the owner. */
  private List<Long> heldOnEveryBudget() {
    return api.get("/owners/" + owner + "/query?capabilityIds=ai-tokens").body().get("data").findValues("reserved").stream()
        .map(JsonNode::asLong).toList();
  }

  /** Everything a refused request could have changed, as the API shows it: usage and holds of every budget. */
  private String state() {
    ServerFixture.Reply r = api.get("/owners/" + owner + "/query?capabilityIds=ai-tokens&sortBy=id&order=asc");
    assertThat(r.status()).isEqualTo(200);
    return r.body().toString();
  }

  /** An instant as the API writes it. */
  private static String wire(Instant t) {
    return WIRE.format(t);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
