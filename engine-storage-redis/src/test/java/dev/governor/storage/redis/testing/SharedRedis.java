package dev.governor.storage.redis.testing;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One plain {@link RedisServer} per test JVM, shared by the many conformance test classes so they
 * do not each pay for a process start: started on first use, stopped by {@link RedisServer}'s
 * JVM-exit hook. Test classes keep apart by putting their keys under a {@link #freshPrefix()}.
 * Tests that kill, stop, reconfigure or flush a server must start their own {@link RedisServer}
 * instead.
 *
 * <p>Thread-safe: {@link #server()} is synchronized on the class; {@link #freshPrefix()} uses an
 * atomic counter.
 */
public final class SharedRedis {
  private static final AtomicLong PREFIXES = new AtomicLong();

  // Guarded by SharedRedis.class.
  private static RedisServer server;
  // The first start failure, remembered so later test classes fail fast with the real cause
  // instead of each waiting for another start that would fail the same way.
  private static RuntimeException startFailure;

  private SharedRedis() {}

  /** The shared server, started on the first call. */
  public static synchronized RedisServer server() {
    if (startFailure != null) {
      throw new IllegalStateException("the shared redis-server failed to start", startFailure);
    }
    if (server == null) {
      try {
        server = RedisServer.plain();
      } catch (RuntimeException e) {
        startFailure = e;
        throw e;
      }
    } else if (!server.isRunning()) {
      // A test stopped it by mistake: start it again (same port) rather than fail every later class.
      server.start();
    }
    return server;
  }

  /** The shared server's URI, {@code redis://127.0.0.1:PORT}. */
  public static String uri() {
    return server().uri();
  }

  /**
   * A key prefix no other call in this JVM returns, such as {@code t17:}: only letters, digits and
   * ':', so it is safe in any key and in a Redis Cluster hash tag.
   */
  public static String freshPrefix() {
    return "t" + PREFIXES.incrementAndGet() + ":";
  }
}
