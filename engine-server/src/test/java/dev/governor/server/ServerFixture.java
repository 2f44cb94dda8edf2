package dev.governor.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.governor.GovernanceEngine;
import dev.governor.spi.GovernanceStore;
import dev.governor.storage.memory.MemoryStore;
import dev.governor.testing.FakeClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A server on a free loopback port over a memory store (or a given store) with a fake clock at
 * 2026-01-15T10:00:00Z, and a {@code java.net.http} client for it. Tokens: {@link #ADMIN} reaches
 * every owner, {@link #ACME_ONLY} only {@code cus-acme}, {@link #FOUR_OWNERS} cus-a..cus-d and
 * cus-none. Thread-safe (the client is).
 */
final class ServerFixture implements AutoCloseable {
  static final String ADMIN = "admin-token-0123456789abcdef";
  static final String ACME_ONLY = "acme-token-0123456789abcdef";
  /** Limited to four owners, to page through a limited token's own list. */
  static final String FOUR_OWNERS = "four-token-0123456789abcdef";
  static final String TOKENS = ADMIN + "," + ACME_ONLY + ":cus-acme," + FOUR_OWNERS + ":cus-d|cus-a|cus-c|cus-b|cus-none";
  static final ObjectMapper JSON = new ObjectMapper();

  final FakeClock clock = FakeClock.at("2026-01-15T10:00:00Z");
  final GovernanceEngine engine;
  final GovernorServer server;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  ServerFixture() {
    this(MemoryStore.create());
  }

  ServerFixture(GovernanceStore store) {
    this(store, GovernorServer.builder());
  }

  ServerFixture(GovernanceStore store, GovernorServer.Builder builder) {
    engine = GovernanceEngine.builder().store(store).clock(clock).build();
    server = builder.engine(engine).tokens(ApiTokens.parse(TOKENS)).port(0).start();
  }

  /** One response: status, headers and the body as JSON (null when empty). */
  record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  Reply send(String method, String path, String body) {
    return send(method, path, body, ADMIN);
  }

  Reply send(String method, String path, String body, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(30))
        .header("x-stigg-account-id", "acc-1").header("x-stigg-environment-id", "env-1");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return send(b.build());
  }

  Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = r.body().isEmpty() ? null : JSON.readTree(r.body());
      return new Reply(r.statusCode(), json, r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends {@code request} and keeps the body as text (JSON or not). */
  Reply sendRaw(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
        json = JSON.readTree(r.body());
      }
      return new Reply(r.statusCode(), json, r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Reply get(String path) {
    return send("GET", path, null);
  }

  Reply put(String path, String body) {
    return send("PUT", path, body);
  }

  Reply post(String path, String body) {
    return send("POST", path, body);
  }

  @Override
  public void close() {
    server.close();
  }
}
