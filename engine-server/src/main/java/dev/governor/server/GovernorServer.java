package dev.governor.server;

import dev.governor.GovernanceEngine;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The hosted product's owners API over a {@link GovernanceEngine}, on Jetty. Embedded:
 *
 * <pre>{@code
 * try (GovernorServer server = GovernorServer.builder()
 *     .engine(engine)
 *     .tokens(ApiTokens.parse(System.getenv("GOVERNOR_API_TOKENS")))
 *     .port(0)
 *     .start()) {
 *   int port = server.port();
 *   ...
 * }
 * }</pre>
 *
 * <p>The web console is served at {@code /console/} (see {@link Builder#console}). Every API route
 * but {@code GET /health} needs {@code Authorization: Bearer <token>}; routes and wire
 * format are in {@code docs/rest-api.md}. The server binds to loopback unless told otherwise; a
 * request waits for one of a bounded pool of threads (at most one per connection, and connections
 * are bounded), and a client that is slow
 * to send holds no thread (Jetty reads without one) but loses its connection after the idle
 * timeout without a byte. {@link #close()} stops accepting, finishes the requests in flight (up to
 * the shutdown grace) and stops. Thread-safe.
 */
public final class GovernorServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(GovernorServer.class.getName());

  private final Server jetty;
  private final String host;
  private final int port;

  private GovernorServer(Server jetty, String host, int port) {
    this.jetty = jetty;
    this.host = host;
    this.port = port;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on (the one chosen by the system when built with port 0). */
  public int port() {
    return port;
  }

  /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
  public URI uri() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port);
  }

  /** Stops accepting, lets the requests in flight finish (within the shutdown grace), stops. Idempotent. */
  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the server at " + uri() + " did not stop cleanly", e);
    }
  }

  /** Configures and starts a {@link GovernorServer}. Not thread-safe; build once. */
  public static final class Builder {
    /** Default largest request body: 1 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;
    /**
     * Default pool size: 4 per core, at least 8. On the engine's in-process stores a request never
     * waits, so more threads than that only queue for the cores and lengthen the tail (measured on 2
     * cores: p99 of a check 16 ms with 32 threads, 12 ms with 8, same GC); a remote store's calls wait
     * on the network, which 4 per core covers at its throughput.
     */
    public static final int DEFAULT_THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    /** Default time a connection may stay without a byte before it is closed. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Default time {@link #close()} lets requests in flight finish. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** Default most open connections. */
    public static final int DEFAULT_MAX_CONNECTIONS = 2048;

    private GovernanceEngine engine;
    private ApiTokens tokens;
    private String bind = "127.0.0.1";
    private int port = 8080;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int threads = DEFAULT_THREADS;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private boolean console = true;

    private Builder() {}

    /** The engine the API serves (required). */
    public Builder engine(GovernanceEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** The accepted bearer tokens (required). */
    public Builder tokens(ApiTokens tokens) {
      this.tokens = Objects.requireNonNull(tokens, "tokens");
      return this;
    }

    /** The address to listen on: {@code 127.0.0.1} by default; {@code 0.0.0.0} for every interface. */
    public Builder bind(String address) {
      if (address == null || address.isBlank()) {
        throw new IllegalArgumentException("bind address must not be blank: " + address);
      }
      this.bind = address;
      return this;
    }

    /** The port: 8080 by default; 0 lets the system choose (read it back with {@link GovernorServer#port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /** The largest request body; a larger one is refused with 413 (1 KiB to 64 MiB; default 1 MiB). */
    public Builder maxBodyBytes(long bytes) {
      if (bytes < 1024 || bytes > (64L << 20)) {
        throw new IllegalArgumentException("maxBodyBytes must be 1024..67108864: " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /** The most threads answering requests (4..1024; default {@link #DEFAULT_THREADS}). */
    public Builder threads(int threads) {
      if (threads < 4 || threads > 1024) {
        throw new IllegalArgumentException("threads must be 4..1024: " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** How long a connection may stay without a byte before it is closed (100 ms..1 h; default 30 s). */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = within("idleTimeout", timeout, Duration.ofMillis(100), Duration.ofHours(1));
      return this;
    }

    /** How long {@link #close()} lets requests in flight finish (0..10 min; default 10 s). */
    public Builder shutdownGrace(Duration grace) {
      this.shutdownGrace = within("shutdownGrace", grace, Duration.ZERO, Duration.ofMinutes(10));
      return this;
    }

    /** The most open connections; more wait in the accept queue (16..100000; default 2048). */
    public Builder maxConnections(int connections) {
      if (connections < 16 || connections > 100_000) {
        throw new IllegalArgumentException("maxConnections must be 16..100000: " + connections);
      }
      this.maxConnections = connections;
      return this;
    }

    /**
     * Whether to serve the web console at {@code /console/} (default true). Its files are public;
     * what it shows needs a token, as every API call does.
     */
    public Builder console(boolean enabled) {
      this.console = enabled;
      return this;
    }

    private static Duration within(String name, Duration d, Duration min, Duration max) {
      Objects.requireNonNull(d, name);
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new IllegalArgumentException(name + " must be " + min + ".." + max + ": " + d);
      }
      return d;
    }

    /**
     * Starts the server.
     *
     * @throws IllegalStateException when the engine or tokens are missing, or the port cannot be bound
     */
    public GovernorServer start() {
      if (engine == null) {
        throw new IllegalStateException("engine(...) is required");
      }
      if (tokens == null) {
        throw new IllegalStateException("tokens(...) is required: every route but /health needs a bearer token");
      }
      List<Route> routes = new ArrayList<>();
      routes.addAll(new HealthRoutes(engine).routes());
      routes.addAll(new CatalogRoutes(engine).routes());
      routes.addAll(new OwnerRoutes(engine).routes());
      routes.addAll(new EntityRoutes(engine).routes());
      routes.addAll(new AssignmentRoutes(engine).routes());
      routes.addAll(new DecisionRoutes(engine).routes());
      routes.addAll(new ReservationRoutes(engine).routes());
      routes.addAll(new QueryRoutes(engine).routes());

      // A bounded pool. Its queue is Jetty's default (Jetty needs room for its own selector tasks), and
      // what waits in it is bounded anyway: an HTTP/1.1 connection has one request in flight, and
      // connections are limited (maxConnections). A slow client holds no thread at all: Jetty reads
      // headers and bodies without one.
      QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(threads, 8));
      pool.setName("governor-http");
      Server server = new Server(pool);
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      http.setSendXPoweredBy(false);
      ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
      connector.setHost(bind);
      connector.setPort(port);
      connector.setIdleTimeout(idleTimeout.toMillis());
      server.addConnector(connector);
      server.addBean(new NetworkConnectionLimit(maxConnections, connector));
      Front api = new Front(new Router(routes), tokens, maxBodyBytes);
      GracefulHandler graceful = new GracefulHandler(console ? new Handler.Sequence(new Console(), api) : api);
      server.setHandler(graceful);
      server.setStopTimeout(shutdownGrace.toMillis());
      server.setStopAtShutdown(false);
      try {
        server.start();
      } catch (Exception e) {
        try {
          server.stop();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
        throw new IllegalStateException("the server could not start on " + bind + ":" + port + ": " + e.getMessage(), e);
      }
      GovernorServer started = new GovernorServer(server, bind, connector.getLocalPort());
      LOG.log(System.Logger.Level.INFO, "Governor server listening on {0}", started.uri());
      return started;
    }
  }
}
