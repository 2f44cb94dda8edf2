package dev.governor.storage.redis;

import dev.governor.spi.CatalogStore;
import dev.governor.spi.GovernanceStore;
import dev.governor.spi.UsageLedger;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A store in Redis, shared by every engine of a fleet and kept across restarts: the engine-wide
 * catalog, every owner's catalog, the usage counters and the idempotency keys with their request
 * fingerprints all live in Redis; engines only cache compiled views, validated by version.
 *
 * <pre>{@code
 * RedisStore store = RedisStore.builder().uri("redis://127.0.0.1:6379").build();
 * GovernanceEngine engine = GovernanceEngine.builder().store(store).build();
 * ...
 * store.close();
 * }</pre>
 *
 * <p><b>One round trip per decision.</b> Every check, consume, ingest batch, catalog read and
 * catalog commit is one call of one Redis Function ({@code FCALL}, Redis 7.0 or later; the store
 * loads the library whenever a server lacks it),
 * which validates the catalog version, rolls periods, tests every limit and writes every counter
 * and the idempotency key in one atomic step. Concurrent consumes of one owner in one JVM share a
 * call (each still decided on its own, in order) unless {@link Builder#batching(boolean)} turns it
 * off.
 *
 * <p><b>Cluster.</b> All keys of one owner share one hash tag, so the store runs unchanged on Redis
 * Cluster ({@link Builder#cluster(String...)}); ids are escaped in key names, so no two owners,
 * entities or idempotency keys share a key whatever characters they hold.
 *
 * <p><b>Exact.</b> Usage, limits and amounts keep exact 64-bit arithmetic up to
 * {@link Long#MAX_VALUE}: they travel and are stored as two 32-bit parts, because Lua numbers are
 * doubles. Times and versions must stay within ±2^53 (285,000 years of milliseconds).
 *
 * <p><b>Failure.</b> Every call waits at most {@link Builder#timeout(Duration)}; a server that is
 * down, slow, out of memory or read-only makes the call throw, and the engine fails closed with
 * {@link dev.governor.StoreUnavailableException}. The connection reconnects by itself: service
 * resumes when Redis is back. A call that timed out may still have been executed by the server: its
 * usage is then recorded though the caller was told the store was unavailable (never the reverse).
 *
 * <p>Thread-safe: any number of engines and threads may share one store.
 */
public final class RedisStore implements GovernanceStore, AutoCloseable {
  /** Default time a call may take before it fails. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
  /** Default prefix of every key. */
  public static final String DEFAULT_KEY_PREFIX = "gov:";

  private static final System.Logger LOG = System.getLogger(RedisStore.class.getName());
  /** How long {@link #close()} waits for the client it created to shut down. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private final AutoCloseable client;
  private final StatefulConnection<String, String> connection;
  private final String keyPrefix;
  private final RedisCatalog catalog;
  private final RedisLedger ledger;

  private RedisStore(Builder b, Connected c) {
    this.client = c.ownedClient;
    this.connection = c.connection;
    this.keyPrefix = b.keyPrefix;
    Keys keys = new Keys(b.keyPrefix);
    Script script = new Script(c.commands, b.timeout, c.server);
    GlobalMirror mirror = new GlobalMirror(script, keys, c.cluster);
    this.catalog = new RedisCatalog(script, keys, mirror);
    this.ledger = new RedisLedger(keys, script, mirror, b.batching);
  }

  /** A builder; give it exactly one of {@code uri}, {@code cluster}, {@code client} or {@code connection}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The prefix of every key of this store. */
  public String keyPrefix() {
    return keyPrefix;
  }

  @Override
  public CatalogStore catalog() {
    return catalog;
  }

  @Override
  public UsageLedger ledger() {
    return ledger;
  }

  /**
   * Closes the connection this store opened, and the client too when the store created it; a
   * connection the application passed in stays open. Idempotent.
   */
  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.closeAsync().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException | ExecutionException e) {
        // The client's shutdown below closes it for good.
        LOG.log(System.Logger.Level.WARNING, "the Redis connection did not close cleanly: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (client instanceof AbstractRedisClient owned) {
      shutdown(owned);
    }
  }

  /**
   * Shuts down a client the store created, waiting at most {@link #CLOSE_WAIT}. Lettuce's own
   * {@code close()} waits without a bound, and a cluster client's topology refresh can keep it
   * waiting forever (redis/lettuce#2278; seen here once in a test run): past the bound the event
   * loops are stopped directly, so no thread outlives the store.
   */
  private static void shutdown(AbstractRedisClient owned) {
    try {
      owned.shutdownAsync(0, 2, TimeUnit.SECONDS).get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.log(System.Logger.Level.WARNING, "the Redis client did not shut down within " + CLOSE_WAIT
          + "; stopping its event loops directly");
      owned.getResources().shutdown(0, 2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      owned.getResources().shutdown(0, 2, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("closing the Redis client failed", e.getCause());
    }
  }

  /** What {@link Builder#build()} connected. */
  private record Connected(AutoCloseable ownedClient, StatefulConnection<String, String> connection,
      io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands<String, String> commands, boolean cluster, String server) {}

  /** Configures and connects a {@link RedisStore}. Not thread-safe; build once. */
  public static final class Builder {
    private String uri;
    private final List<String> clusterUris = new ArrayList<>();
    private RedisClient client;
    private RedisClusterClient clusterClient;
    private StatefulRedisConnection<String, String> connection;
    private StatefulRedisClusterConnection<String, String> clusterConnection;
    private Duration timeout = DEFAULT_TIMEOUT;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private boolean batching = true;

    private Builder() {}

    /** A single server ({@code redis://host:port}, {@code rediss://...}, with password or database as Lettuce reads them). */
    public Builder uri(String uri) {
      this.uri = Objects.requireNonNull(uri, "uri");
      return this;
    }

    /** A Redis Cluster, from one or more of its nodes' URIs. */
    public Builder cluster(String... nodeUris) {
      for (String u : nodeUris) {
        clusterUris.add(Objects.requireNonNull(u, "cluster node uri"));
      }
      return this;
    }

    /**
     * A client the application already has. The store opens its own connection from it and closes
     * only that connection; the client's options (reconnection, timeouts) stay the application's.
     */
    public Builder client(RedisClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** A cluster client the application already has (see {@link #client(RedisClient)}). */
    public Builder client(RedisClusterClient clusterClient) {
      this.clusterClient = Objects.requireNonNull(clusterClient, "clusterClient");
      return this;
    }

    /**
     * A connection the application already has (Lettuce connections are thread-safe and meant to be
     * shared). The store never closes it.
     */
    public Builder connection(StatefulRedisConnection<String, String> connection) {
      this.connection = Objects.requireNonNull(connection, "connection");
      return this;
    }

    /** A cluster connection the application already has (see {@link #connection(StatefulRedisConnection)}). */
    public Builder connection(StatefulRedisClusterConnection<String, String> clusterConnection) {
      this.clusterConnection = Objects.requireNonNull(clusterConnection, "clusterConnection");
      return this;
    }

    /** How long a call may take before it fails and the engine fails closed; default 1 s. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The prefix of every key (default {@code gov:}), so that several deployments can share one
     * Redis: letters, digits and {@code : _ - .} only, at most 64 characters.
     */
    public Builder keyPrefix(String keyPrefix) {
      Objects.requireNonNull(keyPrefix, "keyPrefix");
      if (keyPrefix.length() > 64 || !keyPrefix.matches("[A-Za-z0-9:_.\\-]*")) {
        throw new IllegalArgumentException("keyPrefix must be at most 64 letters, digits, ':', '_', '-' or '.', was \"" + keyPrefix + "\"");
      }
      this.keyPrefix = keyPrefix;
      return this;
    }

    /** Whether concurrent consumes of one owner share script calls (default true). */
    public Builder batching(boolean batching) {
      this.batching = batching;
      return this;
    }

    /**
     * Connects and returns the store.
     *
     * @throws IllegalStateException if not exactly one of uri, cluster and client was given
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached
     */
    public RedisStore build() {
      int sources = (uri != null ? 1 : 0) + (clusterUris.isEmpty() ? 0 : 1) + (client != null ? 1 : 0) + (clusterClient != null ? 1 : 0)
          + (connection != null ? 1 : 0) + (clusterConnection != null ? 1 : 0);
      if (sources != 1) {
        throw new IllegalStateException("give exactly one of uri, cluster, client and connection; " + sources + " were given");
      }
      return new RedisStore(this, connect());
    }

    private Connected connect() {
      if (connection != null) {
        return new Connected(null, null, connection.async(), false, "the application's connection");
      }
      if (clusterConnection != null) {
        return new Connected(null, null, clusterConnection.async(), true, "the application's cluster connection");
      }
      if (client != null || uri != null) {
        RedisClient c = client;
        if (c == null) {
          c = RedisClient.create(RedisURI.create(uri));
          c.setOptions(ClientOptions.builder().autoReconnect(true)
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
              .timeoutOptions(TimeoutOptions.enabled(timeout)).build());
        }
        StatefulRedisConnection<String, String> conn = connectOrClose(c, client == null);
        return new Connected(client == null ? c : null, conn, conn.async(), false, uri != null ? uri : "the application's client");
      }
      RedisClusterClient c = clusterClient;
      if (c == null) {
        List<RedisURI> nodes = clusterUris.stream().map(RedisURI::create).toList();
        c = RedisClusterClient.create(nodes);
        // Node connections open lazily on Cluster: rejecting commands while one is not (yet)
        // connected would fail the first call to each node. Queued commands are still bounded by
        // the store's timeout.
        c.setOptions(ClusterClientOptions.builder().autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
            .timeoutOptions(TimeoutOptions.enabled(timeout))
            .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder().enablePeriodicRefresh(Duration.ofSeconds(30)).build())
            .build());
      }
      StatefulRedisClusterConnection<String, String> conn;
      try {
        conn = c.connect(StringCodec.UTF8);
      } catch (RuntimeException e) {
        if (clusterClient == null) {
          c.shutdown();
        }
        throw e;
      }
      return new Connected(clusterClient == null ? c : null, conn, conn.async(), true,
          clusterUris.isEmpty() ? "the application's cluster client" : String.join(",", clusterUris));
    }

    private static StatefulRedisConnection<String, String> connectOrClose(RedisClient c, boolean owned) {
      try {
        return c.connect(StringCodec.UTF8);
      } catch (RuntimeException e) {
        if (owned) {
          c.shutdown();
        }
        throw e;
      }
    }
  }
}
