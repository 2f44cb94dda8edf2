package dev.governor.bench.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway {@code redis-server} for one benchmark trial: started on a free loopback port in a
 * fresh temporary directory, without RDB snapshots, with or without an append-only file fsynced on
 * every write; stopped, and its directory deleted, by {@link #close()} (or, if the trial never gets
 * there, when the JVM exits). Self-contained because the test fixtures of the Redis store are not on
 * the benchmark class path.
 *
 * <p>The server binary is {@value #DEFAULT_SERVER} unless system property {@value #SERVER_PROPERTY}
 * or environment variable {@value #SERVER_ENV} names another; the temporary directories go under
 * {@code java.io.tmpdir} unless {@value #DIR_PROPERTY} or {@value #DIR_ENV} names a directory
 * (JMH's forks inherit the environment, so the variables are the simpler way). With persistence
 * {@code always} the directory must be on a real disk: on tmpfs an fsync costs nothing, and a
 * warning says so.
 */
public final class BenchRedis implements AutoCloseable {
  public static final String DEFAULT_SERVER = "/usr/bin/redis-server";
  public static final String SERVER_PROPERTY = "governor.bench.redisServer";
  public static final String SERVER_ENV = "GOVERNOR_BENCH_REDIS_SERVER";
  public static final String DIR_PROPERTY = "governor.bench.redisDir";
  public static final String DIR_ENV = "GOVERNOR_BENCH_REDIS_DIR";

  private static final long START_TIMEOUT_MILLIS = 15_000;
  private static final int ATTEMPTS = 3;

  /** What the server keeps on disk. */
  public enum Persistence {
    /** No RDB, no AOF: memory only. */
    NONE,
    /** An AOF fsynced before every reply to a write ({@code appendfsync always}). */
    ALWAYS;

    /** {@code none} or {@code always}, as the benchmarks' {@code persistence} parameter spells it. */
    public static Persistence of(String name) {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
  }

  private final Process process;
  private final Path dir;
  private final int port;
  private final Persistence persistence;
  private final Thread hook;
  private boolean closed;

  private BenchRedis(Process process, Path dir, int port, Persistence persistence) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.persistence = persistence;
    this.hook = new Thread(this::stop, "bench-redis-" + port + "-stop");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts a server ({@code none} or {@code always}) and returns once it answers PING. */
  public static BenchRedis start(String persistence) {
    return start(Persistence.of(persistence));
  }

  /** Starts a server and returns once it answers PING; retries on another port if one was taken. */
  public static BenchRedis start(Persistence persistence) {
    IllegalStateException last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        return startOnce(persistence);
      } catch (IllegalStateException e) {
        last = e;
      }
    }
    throw last;
  }

  /** {@code redis://127.0.0.1:PORT}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public Persistence persistence() {
    return persistence;
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and deletes its directory. Idempotent. */
  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs stop() too, which is idempotent.
    }
  }

  private synchronized void stop() {
    if (closed) {
      return;
    }
    closed = true;
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    deleteTree(dir);
  }

  private static BenchRedis startOnce(Persistence persistence) {
    Path dir;
    try {
      Path base = baseDir();
      Files.createDirectories(base);
      dir = Files.createTempDirectory(base, "governor-bench-redis-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a directory for redis-server", e);
    }
    warnIfFsyncIsFree(dir, persistence);
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(server(),
        "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--save", "", "--appendonly", persistence == Persistence.ALWAYS ? "yes" : "no", "--appendfsync", "always",
        "--dir", dir.toString(), "--daemonize", "no"));
    Path log = dir.resolve("redis.log");
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    } catch (IOException e) {
      deleteTree(dir);
      throw new UncheckedIOException("cannot start " + command.get(0) + " (set " + SERVER_PROPERTY + " or " + SERVER_ENV + ")", e);
    }
    long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
    while (true) {
      if (!process.isAlive()) {
        String output = read(log);
        deleteTree(dir);
        throw new IllegalStateException("redis-server on port " + port + " exited with " + process.exitValue() + ":\n" + output);
      }
      if (pong(port)) {
        return new BenchRedis(process, dir, port, persistence);
      }
      if (System.currentTimeMillis() > deadline) {
        process.destroyForcibly();
        String output = read(log);
        deleteTree(dir);
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
            + START_TIMEOUT_MILLIS + " ms:\n" + output);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        deleteTree(dir);
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting redis-server", e);
      }
    }
  }

  /** True when the server answers an inline PING with +PONG (not while it is still loading). */
  private static boolean pong(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[64];
      int n = in.read(reply);
      return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static String server() {
    String s = System.getProperty(SERVER_PROPERTY);
    if (s == null || s.isBlank()) {
      s = System.getenv(SERVER_ENV);
    }
    return s == null || s.isBlank() ? DEFAULT_SERVER : s;
  }

  private static Path baseDir() {
    String d = System.getProperty(DIR_PROPERTY);
    if (d == null || d.isBlank()) {
      d = System.getenv(DIR_ENV);
    }
    return Paths.get(d == null || d.isBlank() ? System.getProperty("java.io.tmpdir") : d).toAbsolutePath();
  }

  private static void warnIfFsyncIsFree(Path dir, Persistence persistence) {
    if (persistence != Persistence.ALWAYS) {
      return;
    }
    try {
      FileStore store = Files.getFileStore(dir);
      String type = store.type().toLowerCase(Locale.ROOT);
      if (type.contains("tmpfs") || type.contains("ramfs")) {
        System.err.println("WARNING: " + dir + " is on " + store.type() + ": fsync costs nothing there, so persistence="
            + "always measures no disk; set " + DIR_ENV + " to a directory on a real disk");
      }
    } catch (IOException e) {
      // Unknown file system: nothing to warn about.
    }
  }

  private static String read(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "(no output)";
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // Best effort: a leftover temp file is not worth failing a benchmark over.
        }
      });
    } catch (IOException e) {
      // Same.
    }
  }
}
