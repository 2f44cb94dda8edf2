package dev.governor.storage.redis.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Process, port and file chores shared by {@link RedisServer} and {@link RedisClusterFixture}:
 * finding the Redis binaries, running {@code redis-cli}, picking free ports, waiting for and killing
 * processes, reading log tails and deleting directories. Kept apart so each class stays readable.
 *
 * <p>Thread-safe: stateless static methods.
 */
final class RedisProcesses {
  private RedisProcesses() {}

  /** Runs redis-cli with these arguments; its standard output, trimmed. */
  static String redisCli(List<String> args, Duration timeout) {
    List<String> command = new ArrayList<>(List.of(binary("redis-cli")));
    command.addAll(args);
    Path out = null;
    Path err = null;
    try {
      // Files, not pipes: nothing to drain while waiting, and the wait can time out.
      out = Files.createTempFile("redis-cli-", ".out");
      err = Files.createTempFile("redis-cli-", ".err");
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile())
          .redirectError(err.toFile()).start();
      p.getOutputStream().close(); // redis-cli reads commands from a non-terminal stdin otherwise
      if (!waitFor(p, timeout)) {
        destroy(p);
        throw new IllegalStateException(command + " timed out after " + timeout.toSeconds() + " s");
      }
      String stdout = readFrom(out, 0).trim();
      if (p.exitValue() != 0) {
        throw new IllegalStateException(command + " exited with " + p.exitValue() + ": "
            + readFrom(err, 0).trim() + " " + stdout);
      }
      return stdout;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } finally {
      for (Path p : new Path[] {out, err}) {
        if (p != null) {
          p.toFile().delete();
        }
      }
    }
  }

  /** Starts {@code command} in {@code dir}, its output and errors appended to {@code console}. */
  static Process spawn(List<String> command, Path dir, Path console) {
    try {
      Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile())).start();
      p.getOutputStream().close(); // redis-server never reads standard input
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    }
  }

  /** The path of {@code name} in /usr/bin or else on PATH; throws saying how to install it. */
  static String binary(String name) {
    Stream<String> dirs = Stream.concat(Stream.of("/usr/bin"),
        Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
    return dirs.filter(d -> !d.isEmpty()).map(d -> Path.of(d, name)).filter(Files::isExecutable)
        .findFirst().map(Path::toString).orElseThrow(() -> new IllegalStateException(
            name + " was not found in /usr/bin or on PATH: " + RedisServer.INSTALL_HINT));
  }

  /** {@code n} distinct free loopback ports, all held open together so they differ, then freed. */
  static int[] freePorts(int n) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        sockets.add(new ServerSocket(0, 0, InetAddress.getLoopbackAddress()));
      }
      return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      for (ServerSocket s : sockets) {
        try {
          s.close();
        } catch (IOException ignored) {
          // Closing a never-accepting socket does not fail in practice.
        }
      }
    }
  }

  /** Whether something accepts TCP connections on this loopback port. */
  static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(RedisServer.HOST, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGKILL and wait; the server is gone when this returns. */
  static void destroy(Process p) {
    if (p != null) {
      p.destroyForcibly();
      if (!waitFor(p, RedisServer.STOP_TIMEOUT)) {
        throw new IllegalStateException("process " + p.pid() + " survived SIGKILL");
      }
    }
  }

  /** Waits {@code grace} for {@code p} to exit, then sends SIGTERM, then SIGKILL. */
  static void awaitExitElseSignal(Process p, Duration grace) {
    if (!waitFor(p, grace)) {
      p.destroy();
      if (!waitFor(p, grace)) {
        destroy(p);
      }
    }
  }

  /** Whether {@code p} exited within {@code max}. */
  static boolean waitFor(Process p, Duration max) {
    try {
      return p.waitFor(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for process " + p.pid(), e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for redis-server", e);
    }
  }

  /** The file's size in bytes; 0 when missing. */
  static long size(Path file) {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** The file's text from byte {@code start} on; empty when missing or unreadable. */
  static String readFrom(Path file, long start) {
    try {
      byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
      int from = (int) Math.min(start, bytes.length);
      return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The last 30 lines of each file, each under a header naming it, for failure messages. */
  static String tails(Path... files) {
    StringBuilder text = new StringBuilder();
    for (Path file : files) {
      List<String> lines = readFrom(file, 0).lines().toList();
      text.append("--- tail of ").append(file).append(" ---\n")
          .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())))
          .append('\n');
    }
    return text.toString();
  }

  static Path tempDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the directory and everything under it, if it exists. */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
