package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 12: every route's bad inputs get a JSON error {@code {code, message, field, index, value}}
 * with the right status, naming the field (and the item's index in a batch), without a stack trace,
 * and leave the state exactly as it was.
 */
class BadInputTest {
  private static ServerFixture api;

  @BeforeAll
  static void start() {
    api = new ServerFixture();
    Trees.acme(api, "cus-acme");
    Trees.acme(api, "cus-other");
    Trees.ok(api.post("/owners/cus-acme/consume", "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"amount\": 3}"));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  /** Method, path, body, token, expected status, code, field, index. */
  static Stream<Arguments> badRequests() {
    String admin = ServerFixture.ADMIN;
    String acme = ServerFixture.ACME_ONLY;
    List<Arguments> cases = new ArrayList<>();
    String[][] bodyRoutes = {
        {"PUT", "/entity-types"}, {"PUT", "/capabilities"}, {"PUT", "/owners/cus-acme/entities"},
        {"POST", "/owners/cus-acme/entities/archive"}, {"POST", "/owners/cus-acme/entities/unarchive"},
        {"PUT", "/owners/cus-acme/assignments"}, {"POST", "/owners/cus-acme/assignments/delete"},
        {"POST", "/owners/cus-acme/check"}, {"POST", "/owners/cus-acme/consume"}, {"POST", "/owners/cus-acme/ingest"},
        {"POST", "/owners/cus-acme/reservations"}, {"POST", "/owners/cus-acme/reservations/0123456789abcdef0123456789abcdef/settle"}};
    for (String[] r : bodyRoutes) {
      cases.add(Arguments.of(r[0], r[1], "{\"a\": ", admin, 400, "MALFORMED_JSON", null, null));
      cases.add(Arguments.of(r[0], r[1], "[]", admin, 400, "MALFORMED_JSON", null, null));
      cases.add(Arguments.of(r[0], r[1], "{\"a\": 1, \"a\": 2}", admin, 400, "MALFORMED_JSON", null, null));
      cases.add(Arguments.of(r[0], r[1], "{} {}", admin, 400, "MALFORMED_JSON", null, null));
      cases.add(Arguments.of(r[0], r[1], "", admin, 400, "MALFORMED_JSON", null, null));
      cases.add(Arguments.of(r[0], r[1], "{\"surprise\": true}", admin, 400, "VALIDATION_ERROR", "surprise", null));
      cases.add(Arguments.of(r[0], r[1], "{}", null, 401, "UNAUTHORIZED", null, null));
      cases.add(Arguments.of(r[0], r[1], "{}", "wrong-token-0123456789abcdef", 401, "UNAUTHORIZED", null, null));
    }
    // Wrong types, named with the item's index.
    cases.add(Arguments.of("PUT", "/entity-types", "{\"types\": \"org\"}", admin, 400, "VALIDATION_ERROR", "types", null));
    cases.add(Arguments.of("PUT", "/entity-types", "{\"types\": [{\"id\": 5}]}", admin, 400, "VALIDATION_ERROR", "id", 0));
    cases.add(Arguments.of("PUT", "/entity-types", "{\"types\": [{\"id\": \"x\", \"attributionKeys\": \"xId\"}]}", admin, 400,
        "VALIDATION_ERROR", "attributionKeys", 0));
    cases.add(Arguments.of("PUT", "/capabilities", "{\"capabilities\": [{\"id\": \"c\", \"type\": \"COUNTER\"}]}", admin, 400,
        "VALIDATION_ERROR", "type", 0));
    cases.add(Arguments.of("PUT", "/owners/cus-acme/entities", "{\"entities\": [{\"id\": \"e\", \"typeRefId\": \"org\", \"metadata\": {\"plan\": 3}}]}",
        admin, 400, "VALIDATION_ERROR", "metadata.plan", 0));
    cases.add(Arguments.of("PUT", "/owners/cus-acme/entities", "{\"entities\": [{\"id\": \"ok-1\", \"typeRefId\": \"org\"}, {\"id\": \"e\", \"typeRefID\": \"org\"}]}",
        admin, 400, "VALIDATION_ERROR", "typeRefID", 1));
    cases.add(Arguments.of("PUT", "/owners/cus-acme/entities", "{\"entities\": [{\"id\": \"ok-2\", \"typeRefId\": \"no-such-type\"}]}",
        admin, 404, "NOT_FOUND", "typeRefId", 0));
    cases.add(Arguments.of("PUT", "/owners/cus-acme/entities", "{\"entities\": [{\"id\": \"team-eng\", \"typeRefId\": \"user\"}]}",
        admin, 409, "CONFLICT_TYPE_CHANGE", "typeRefId", 0));
    cases.add(Arguments.of("PUT", "/owners/cus-acme/entities", "{\"entities\": [{\"id\": \"org-acme\", \"parentId\": \"user-alice\"}]}",
        admin, 409, "CONFLICT_NON_LEAF_MOVE", "parentId", 0));
    cases.add(Arguments.of("PUT", "/owners/cus-acme/assignments",
        "{\"assignments\": [{\"entityId\": \"org-acme\", \"capabilityId\": \"ai-tokens\", \"usageLimit\": \"100\"}]}", admin, 400,
        "VALIDATION_ERROR", "usageLimit", 0));
    cases.add(Arguments.of("PUT", "/owners/cus-acme/assignments",
        "{\"assignments\": [{\"entityId\": \"org-acme\", \"capabilityId\": \"ai-tokens\", \"usageLimit\": 1.5}]}", admin, 400,
        "VALIDATION_ERROR", "usageLimit", 0));
    cases.add(Arguments.of("PUT", "/owners/cus-acme/assignments",
        "{\"assignments\": [{\"entityId\": \"org-acme\", \"capabilityId\": \"ai-tokens\", \"cadence\": \"P1M2D\"}]}", admin, 400,
        "VALIDATION_ERROR", "cadence", 0));
    cases.add(Arguments.of("POST", "/owners/cus-acme/assignments/delete", "{\"ids\": [\"not-a-uuid\"]}", admin, 400, "VALIDATION_ERROR", "ids", 0));
    cases.add(Arguments.of("POST", "/owners/cus-acme/entities/archive", "{\"ids\": [\"nobody\"]}", admin, 404, "NOT_FOUND", null, null));
    cases.add(Arguments.of("POST", "/owners/cus-acme/consume", "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"amount\": 1.5}",
        admin, 400, "VALIDATION_ERROR", "amount", null));
    cases.add(Arguments.of("POST", "/owners/cus-acme/consume", "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"amount\": \"5\"}",
        admin, 400, "VALIDATION_ERROR", "amount", null));
    cases.add(Arguments.of("POST", "/owners/cus-acme/consume", "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"amount\": 0}",
        admin, 400, "VALIDATION_ERROR", "amount", null));
    cases.add(Arguments.of("POST", "/owners/cus-acme/consume", "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"amount\": 99999999999999999999}",
        admin, 400, "VALIDATION_ERROR", "amount", null));
    cases.add(Arguments.of("POST", "/owners/cus-acme/consume",
        "{\"entityIds\": [\"user-alice\"], \"dimensions\": {\"userId\": \"user-alice\"}, \"capabilityId\": \"ai-tokens\", \"amount\": 1}",
        admin, 400, "VALIDATION_ERROR", "dimensions", null));
    cases.add(Arguments.of("POST", "/owners/cus-acme/consume", "{\"capabilityId\": \"ai-tokens\", \"amount\": 1}", admin, 400,
        "VALIDATION_ERROR", "entityIds", null));
    cases.add(Arguments.of("POST", "/owners/cus-acme/consume", "{\"entityIds\": [\"nobody\"], \"capabilityId\": \"ai-tokens\", \"amount\": 1}",
        admin, 404, "NOT_FOUND", null, null));
    cases.add(Arguments.of("POST", "/owners/cus-acme/check", "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"requestedAmount\": -1}",
        admin, 400, "VALIDATION_ERROR", "requestedAmount", null));
    cases.add(Arguments.of("POST", "/owners/cus-acme/ingest",
        "{\"events\": [{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"amount\": 1}, {\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"amount\": 1, \"timestamp\": \"yesterday\"}]}",
        admin, 400, "VALIDATION_ERROR", "timestamp", 1));
    // Batches over their bound.
    cases.add(Arguments.of("PUT", "/entity-types", "{\"types\": " + items(101, "{\"id\": \"t%d\", \"displayName\": \"T\"}") + "}", admin, 400,
        "VALIDATION_ERROR", "types", null));
    cases.add(Arguments.of("PUT", "/capabilities", "{\"capabilities\": " + items(101, "{\"id\": \"c%d\", \"type\": \"METER\"}") + "}", admin, 400,
        "VALIDATION_ERROR", "capabilities", null));
    cases.add(Arguments.of("PUT", "/owners/cus-acme/entities", "{\"entities\": " + items(101, "{\"id\": \"e%d\", \"typeRefId\": \"user\"}") + "}",
        admin, 400, "VALIDATION_ERROR", "entities", null));
    cases.add(Arguments.of("PUT", "/owners/cus-acme/assignments",
        "{\"assignments\": " + items(101, "{\"entityId\": \"user-alice\", \"capabilityId\": \"ai-tokens\", \"scopeEntityIds\": [\"s%d\"], \"usageLimit\": 1, \"cadence\": \"P1M\"}") + "}",
        admin, 400, "VALIDATION_ERROR", "assignments", null));
    cases.add(Arguments.of("POST", "/owners/cus-acme/entities/archive", "{\"ids\": " + items(101, "\"e%d\"") + "}", admin, 400,
        "VALIDATION_ERROR", "ids", null));
    cases.add(Arguments.of("POST", "/owners/cus-acme/ingest",
        "{\"events\": " + items(1001, "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"amount\": %d}") + "}", admin, 400,
        "VALIDATION_ERROR", "events", null));
    cases.add(Arguments.of("PUT", "/entity-types", "{\"types\": []}", admin, 400, "VALIDATION_ERROR", "types", null));
    // Tokens limited to one owner.
    cases.add(Arguments.of("GET", "/owners/cus-other/entities", null, acme, 403, "FORBIDDEN", "ownerId", null));
    cases.add(Arguments.of("POST", "/owners/cus-other/consume", "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"amount\": 1}",
        acme, 403, "FORBIDDEN", "ownerId", null));
    cases.add(Arguments.of("GET", "/owners/cus-other/query", null, acme, 403, "FORBIDDEN", "ownerId", null));
    cases.add(Arguments.of("POST", "/owners/cus-other/reservations",
        "{\"entityIds\": [\"user-alice\"], \"capabilityId\": \"ai-tokens\", \"estimate\": 1, \"ttl\": \"PT1M\"}", acme, 403, "FORBIDDEN",
        "ownerId", null));
    cases.add(Arguments.of("PUT", "/entity-types", "{\"types\": [{\"id\": \"sneaky\", \"displayName\": \"S\"}]}", acme, 403, "FORBIDDEN", null, null));
    cases.add(Arguments.of("PUT", "/capabilities", "{\"capabilities\": [{\"id\": \"sneaky\", \"type\": \"METER\"}]}", acme, 403, "FORBIDDEN", null, null));
    // Tokens missing or wrong on read routes.
    cases.add(Arguments.of("GET", "/entity-types", null, null, 401, "UNAUTHORIZED", null, null));
    cases.add(Arguments.of("GET", "/owners/cus-acme/query", null, "x", 401, "UNAUTHORIZED", null, null));
    // Unknown routes and methods.
    cases.add(Arguments.of("GET", "/nope", null, admin, 404, "NOT_FOUND", null, null));
    cases.add(Arguments.of("GET", "/owners/cus-acme/nope", null, admin, 404, "NOT_FOUND", null, null));
    cases.add(Arguments.of("DELETE", "/entity-types", null, admin, 405, "METHOD_NOT_ALLOWED", null, null));
    cases.add(Arguments.of("GET", "/owners/cus-acme/check", null, admin, 405, "METHOD_NOT_ALLOWED", null, null));
    cases.add(Arguments.of("PATCH", "/owners/cus-acme/entities", "{}", admin, 405, "METHOD_NOT_ALLOWED", null, null));
    // Query parameters, read as strictly as bodies.
    cases.add(Arguments.of("GET", "/entity-types?limt=5", null, admin, 400, "VALIDATION_ERROR", "limt", null));
    cases.add(Arguments.of("GET", "/entity-types?limit=0", null, admin, 400, "VALIDATION_ERROR", "limit", null));
    cases.add(Arguments.of("GET", "/entity-types?limit=101", null, admin, 400, "VALIDATION_ERROR", "limit", null));
    cases.add(Arguments.of("GET", "/entity-types?after=garbage", null, admin, 400, "VALIDATION_ERROR", "after", null));
    cases.add(Arguments.of("GET", "/owners/cus-acme/entities?includeArchived=yes", null, admin, 400, "VALIDATION_ERROR", "includeArchived", null));
    cases.add(Arguments.of("GET", "/owners/cus-acme/query?sortBy=popularity", null, admin, 400, "VALIDATION_ERROR", "sortBy", null));
    cases.add(Arguments.of("GET", "/owners/cus-acme/query?minUtilization=lots", null, admin, 400, "VALIDATION_ERROR", "minUtilization", null));
    cases.add(Arguments.of("GET", "/entity-types/nope", null, admin, 404, "NOT_FOUND", "id", null));
    cases.add(Arguments.of("GET", "/owners/cus-acme/assignments/not-a-uuid", null, admin, 400, "VALIDATION_ERROR", "id", null));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} -> {4} {5}")
  @MethodSource("badRequests")
  void badRequest_answersItsErrorAndChangesNothing(String method, String path, String body, String token, int status, String code,
      String field, Integer index) {
    String before = state();

    ServerFixture.Reply r = api.send(method, path, body, token);

    assertThat(r.status()).as("status of %s %s: %s", method, path, r.body()).isEqualTo(status);
    assertError(r, code, field, index);
    if (status == 401) {
      assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }
    if (status == 405) {
      assertThat(r.header("Allow")).isNotBlank();
    }
    assertThat(state()).as("state after %s %s", method, path).isEqualTo(before);
  }

  @Test
  void put_wrongMediaType_415() {
    String before = state();
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.server.uri() + "/entity-types"))
        .header("Authorization", "Bearer " + ServerFixture.ADMIN).header("Content-Type", "text/plain")
        .PUT(HttpRequest.BodyPublishers.ofString("{\"types\": [{\"id\": \"x\", \"displayName\": \"X\"}]}")).build();

    ServerFixture.Reply r = api.send(request);

    assertThat(r.status()).isEqualTo(415);
    assertError(r, "UNSUPPORTED_MEDIA_TYPE", "Content-Type", null);
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void put_bodyDeclaredOverTheLimit_413BeforeTheBodyIsSent() throws Exception {
    String before = state();
    // Headers only: the declared length is over the limit, and not one byte of the body is sent. The
    // server must answer from the headers alone (curl waits like this on "Expect: 100-continue").
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", api.server.port())) {
      socket.setSoTimeout(30_000);
      String head = "PUT /entity-types HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ServerFixture.ADMIN
          + "\r\nContent-Type: application/json\r\nContent-Length: " + (2 << 20) + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII));
      String status = in.readLine();
      assertThat(status).startsWith("HTTP/1.1 413");
      StringBuilder rest = new StringBuilder();
      for (String line; (line = in.readLine()) != null && rest.indexOf("}") < 0; ) {
        rest.append(line).append('\n');
      }
      assertThat(rest.toString()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
    }
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void put_chunkedBodyOverTheLimit_413() {
    String before = state();
    byte[] chunk = ("{\"types\": [{\"id\": \"x\", \"displayName\": \"" + "a".repeat(64 * 1024)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // A publisher of unknown length is sent chunked: the size is only known while reading.
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.server.uri() + "/entity-types")).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + ServerFixture.ADMIN).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
            java.util.Collections.enumeration(java.util.Collections.nCopies(40, chunk).stream()
                .map(b -> (java.io.InputStream) new java.io.ByteArrayInputStream(b)).toList()))))
        .build();

    ServerFixture.Reply r = api.send(request);

    assertThat(r.status()).isEqualTo(413);
    assertThat(state()).isEqualTo(before);
  }

  private static void assertError(ServerFixture.Reply r, String code, String field, Integer index) {
    JsonNode body = r.body();
    List<String> keys = new ArrayList<>();
    body.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("code", "message", "field", "index", "value");
    assertThat(body.get("code").asText()).isEqualTo(code);
    assertThat(body.get("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    if (field == null) {
      assertThat(body.get("field").isNull() || code.equals("NOT_FOUND") || code.equals("VALIDATION_ERROR")).isTrue();
    } else {
      assertThat(body.get("field").asText()).isEqualTo(field);
    }
    if (index != null) {
      assertThat(body.get("index").asInt()).isEqualTo(index);
    }
  }

  /** Everything a bad request could have changed, as the API shows it. */
  private static String state() {
    StringBuilder sb = new StringBuilder();
    for (String path : List.of("/entity-types?limit=100", "/capabilities?limit=100", "/owners/cus-acme/entities?limit=100&includeArchived=true",
        "/owners/cus-acme/assignments?limit=100", "/owners/cus-acme/query?capabilityIds=ai-tokens&limit=100",
        "/owners/cus-other/entities?limit=100&includeArchived=true", "/owners/cus-other/query?capabilityIds=ai-tokens&limit=100")) {
      ServerFixture.Reply r = api.get(path);
      assertThat(r.status()).isEqualTo(200);
      sb.append(r.body()).append('\n');
    }
    return sb.toString();
  }

  private static String items(int n, String format) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ",").append(String.format(format, i + 1));
    }
    return sb.append(']').toString();
  }
}
