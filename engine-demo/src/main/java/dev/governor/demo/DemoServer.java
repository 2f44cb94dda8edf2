package dev.governor.demo;

import dev.governor.GovernanceEngine;
import dev.governor.server.ApiTokens;
import dev.governor.server.GovernorServer;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The demo's {@code --serve}: a {@link GovernorServer} on 127.0.0.1 over the demo's own engine, so the
 * REST API and the console show the owners, entities, budgets and usage of the run just reported,
 * with one freshly generated admin token (reaching every owner).
 *
 * <p>Thread-safe: the accessors read immutable state, and {@link #close()} is idempotent and may be
 * called from any thread, typically a shutdown hook racing the main thread.
 */
public final class DemoServer implements AutoCloseable {
  /** Loopback only: the token is printed on the console, so the server is for this machine's user. */
  static final String BIND = "127.0.0.1";
  /** 256 bits: as hard to guess as any key, and well over the server's minimum token length. */
  static final int TOKEN_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final GovernorServer server;
  private final String token;
  private final AutoCloseable afterServer;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DemoServer(GovernorServer server, String token, AutoCloseable afterServer) {
    this.server = server;
    this.token = token;
    this.afterServer = afterServer;
  }

  /**
   * Starts a server over {@code engine} on {@code port} (0 lets the system choose) with a new token.
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  public static DemoServer start(GovernanceEngine engine, int port) {
    return start(engine, port, () -> {});
  }

  /**
   * Like {@link #start(GovernanceEngine, int)}, and {@link #close()} then closes {@code afterServer}
   * too (the engine's store), after the server has finished its requests in flight, since they may
   * still use the store. {@code afterServer} is not closed when the server fails to start.
   */
  static DemoServer start(GovernanceEngine engine, int port, AutoCloseable afterServer) {
    Objects.requireNonNull(afterServer, "afterServer");
    String token = newToken();
    GovernorServer server = GovernorServer.builder().engine(engine).tokens(ApiTokens.parse(token)).bind(BIND)
        .port(port).start();
    return new DemoServer(server, token, afterServer);
  }

  /** A random token of {@value #TOKEN_BYTES} bytes, URL-safe base64 without padding (safe in a header or URL). */
  static String newToken() {
    byte[] bytes = new byte[TOKEN_BYTES];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:8080}. */
  public URI uri() {
    return server.uri();
  }

  /** The console's URL: {@code <uri>/console/}. */
  public URI consoleUri() {
    return URI.create(server.uri() + "/console/");
  }

  /** The port listened on (the chosen one when started with port 0). */
  public int port() {
    return server.port();
  }

  /** The admin token: {@code Authorization: Bearer <token>} reaches every owner. */
  public String token() {
    return token;
  }

  /** Stops the server gracefully, then closes what it was started with. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      server.close();
    } finally {
      try {
        afterServer.close();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("closing the demo's store failed: " + e.getMessage(), e);
      }
    }
  }
}
