package dev.governor.storage.redis.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The test fixtures themselves: real redis-server processes start, persist, clean up and cluster. */
class RedisServerTest {

  @Test
  void plain_started_answersPing() {
    try (RedisServer server = RedisServer.plain()) {
      assertThat(server.isRunning()).isTrue();
      assertThat(server.uri()).isEqualTo("redis://127.0.0.1:" + server.port());
      assertThat(server.cli("PING")).isEqualTo("PONG");
    }
  }

  @Test
  void appendFsyncAlways_setThenKillThenRestart_keepsValue() {
    try (RedisServer server = RedisServer.appendFsyncAlways()) {
      int port = server.port();
      assertThat(server.cli("SET", "k", "v1")).isEqualTo("OK");

      server.kill();
      assertThat(server.isRunning()).isFalse();
      server.restart();

      assertThat(server.port()).isEqualTo(port);
      assertThat(server.cli("GET", "k")).isEqualTo("v1");
    }
  }

  @Test
  void close_runningServer_deletesItsDirectory() {
    RedisServer server = RedisServer.plain();
    Path dir = server.directory();
    assertThat(dir).isDirectory();

    server.close();

    assertThat(server.isRunning()).isFalse();
    assertThat(Files.exists(dir)).isFalse();
  }

  @Test
  void clusterFixture_started_everyNodeOkWithThreeKnownNodes() {
    try (RedisClusterFixture cluster = RedisClusterFixture.start()) {
      assertThat(cluster.ports()).hasSize(3).doesNotHaveDuplicates();
      assertThat(cluster.uris()).allMatch(uri -> uri.matches("redis://127\\.0\\.0\\.1:\\d+"));
      for (RedisServer node : cluster.nodes()) {
        assertThat(node.cli("CLUSTER", "INFO"))
            .contains("cluster_state:ok")
            .contains("cluster_known_nodes:3");
      }
    }
  }
}
