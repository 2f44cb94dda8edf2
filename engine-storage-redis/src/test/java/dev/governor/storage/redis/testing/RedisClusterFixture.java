package dev.governor.storage.redis.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A three-node Redis Cluster for tests: three {@link RedisServer} processes in cluster mode, each
 * with its own directory and free port and no persistence, joined as three masters (no replicas)
 * with {@code redis-cli --cluster create}. {@link #start()} returns once every node reports
 * {@code cluster_state:ok} and knows all three nodes, so a client can connect right away.
 *
 * <p>Thread-safe as far as its nodes are: the node list is fixed at construction, and each
 * {@link RedisServer} is thread-safe.
 */
public final class RedisClusterFixture implements AutoCloseable {
  private static final int NODES = 3;
  private static final Duration CREATE_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration CLUSTER_OK_TIMEOUT = Duration.ofSeconds(20);

  private final List<RedisServer> nodes;

  private RedisClusterFixture(List<RedisServer> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /** Starts three nodes, joins them and waits until the cluster is ok on every node. */
  public static RedisClusterFixture start() {
    List<RedisServer> nodes = new ArrayList<>();
    try {
      for (int i = 0; i < NODES; i++) {
        nodes.add(RedisServer.builder().cluster().start());
      }
      List<String> create = new ArrayList<>(List.of("--cluster", "create"));
      for (RedisServer node : nodes) {
        create.add(RedisServer.HOST + ":" + node.port());
      }
      // --cluster-yes accepts the proposed slot layout without a prompt on standard input.
      create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      String output = RedisProcesses.redisCli(create, CREATE_TIMEOUT);
      awaitClusterOk(nodes, output);
      return new RedisClusterFixture(nodes);
    } catch (RuntimeException e) {
      closeAll(nodes, e);
      throw e;
    }
  }

  /** The nodes' URIs, {@code redis://127.0.0.1:PORT}, in start order. */
  public List<String> uris() {
    return nodes.stream().map(RedisServer::uri).toList();
  }

  /** The nodes' client ports, in start order. */
  public List<Integer> ports() {
    return nodes.stream().map(RedisServer::port).toList();
  }

  /** The nodes themselves, for {@link RedisServer#cli} or to kill one. */
  public List<RedisServer> nodes() {
    return nodes;
  }

  /** Stops every node and deletes their directories. Idempotent. */
  @Override
  public void close() {
    RuntimeException first = new RuntimeException("closing " + this);
    closeAll(nodes, first);
    if (first.getSuppressed().length > 0) {
      throw first;
    }
  }

  @Override
  public String toString() {
    return "redis cluster " + ports();
  }

  /**
   * Polls {@code CLUSTER INFO} on every node: {@code --cluster create} returns once the nodes
   * have met, but each node only turns {@code ok} after it has seen every slot covered.
   */
  private static void awaitClusterOk(List<RedisServer> nodes, String createOutput) {
    long deadline = System.nanoTime() + CLUSTER_OK_TIMEOUT.toNanos();
    String last = "";
    while (true) {
      boolean allOk = true;
      for (RedisServer node : nodes) {
        last = node + ":\n" + node.cli("CLUSTER", "INFO");
        List<String> lines = last.lines().map(String::trim).toList();
        if (!lines.contains("cluster_state:ok")
            || !lines.contains("cluster_known_nodes:" + nodes.size())) {
          allOk = false;
          break;
        }
      }
      if (allOk) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("cluster not ok within " + CLUSTER_OK_TIMEOUT.toSeconds()
            + " s; last CLUSTER INFO of " + last + "\n--- redis-cli --cluster create ---\n"
            + createOutput);
      }
      RedisProcesses.sleep(100);
    }
  }

  /** Closes every node even if some fail, adding failures to {@code failure} as suppressed. */
  private static void closeAll(List<RedisServer> nodes, RuntimeException failure) {
    for (RedisServer node : nodes) {
      try {
        node.close();
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }
}
