package dev.governor.storage.redis.testing;

import static dev.governor.storage.redis.testing.RedisProcesses.accepts;
import static dev.governor.storage.redis.testing.RedisProcesses.awaitExitElseSignal;
import static dev.governor.storage.redis.testing.RedisProcesses.binary;
import static dev.governor.storage.redis.testing.RedisProcesses.deleteTree;
import static dev.governor.storage.redis.testing.RedisProcesses.destroy;
import static dev.governor.storage.redis.testing.RedisProcesses.freePorts;
import static dev.governor.storage.redis.testing.RedisProcesses.readFrom;
import static dev.governor.storage.redis.testing.RedisProcesses.redisCli;
import static dev.governor.storage.redis.testing.RedisProcesses.size;
import static dev.governor.storage.redis.testing.RedisProcesses.sleep;
import static dev.governor.storage.redis.testing.RedisProcesses.spawn;
import static dev.governor.storage.redis.testing.RedisProcesses.tempDirectory;
import static dev.governor.storage.redis.testing.RedisProcesses.tails;
import static dev.governor.storage.redis.testing.RedisProcesses.waitFor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real {@code redis-server} process for tests, bound to 127.0.0.1 on a free port, with its own
 * fresh temporary directory (data, AOF and log file), never the system service. It can be killed
 * (SIGKILL), stopped gracefully and started again on the same port and directory, so it reloads
 * its AOF. Every live server is killed and its directory deleted on JVM exit.
 *
 * <p>Thread-safe: methods that change the process are synchronized on the instance; {@link #cli}
 * and the accessors read volatile fields, and the exit hook only uses
 * {@link Process#destroyForcibly()}, which any thread may call.
 */
public final class RedisServer implements AutoCloseable {

  /** What the server writes to disk besides {@code nodes.conf} in cluster mode (never RDB). */
  public enum Persistence {
    NONE("--appendonly", "no"),
    AOF_ALWAYS("--appendonly", "yes", "--appendfsync", "always"),
    AOF_EVERYSEC("--appendonly", "yes", "--appendfsync", "everysec");

    private final List<String> args;

    Persistence(String... args) {
      this.args = List.of(args);
    }
  }

  static final String HOST = "127.0.0.1";
  static final String INSTALL_HINT =
      "install it with `apt-get install -y redis-server` (or run ./test.sh, which installs it)";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CLI_TIMEOUT = Duration.ofSeconds(30);
  // Another process can take a free port between our probe and redis-server's bind; a new port fixes it.
  private static final int BIND_ATTEMPTS = 5;

  // Not yet closed; the exit hook kills these so a failed or aborted test run leaves no process behind.
  private static final Set<RedisServer> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(RedisServer::killAllOnExit, "redis-server-reaper"));
  }

  private final List<String> settings;
  private final boolean cluster;
  private final Path dir;
  private final Path log;
  private final Path console;
  private volatile int port; // 0 until the first start picks one; then fixed for restarts
  private volatile int busPort; // cluster bus port, picked with the port
  private volatile Process process; // volatile so the exit hook can read it without the lock
  private boolean closed;

  private RedisServer(List<String> settings, boolean cluster) {
    this.settings = List.copyOf(settings);
    this.cluster = cluster;
    dir = tempDirectory("governor-redis-");
    log = dir.resolve("redis.log");
    // Errors before logging starts (a bad argument) go to stdout, not to the log file.
    console = dir.resolve("console.txt");
    LIVE.add(this);
  }

  /** Starts a server without persistence ({@code --appendonly no}). */
  public static RedisServer plain() {
    return builder().start();
  }

  /** Starts a server with {@code --appendonly yes --appendfsync always}. */
  public static RedisServer appendFsyncAlways() {
    return builder().persistence(Persistence.AOF_ALWAYS).start();
  }

  /** Starts a server with {@code --appendonly yes --appendfsync everysec}. */
  public static RedisServer appendFsyncEverysec() {
    return builder().persistence(Persistence.AOF_EVERYSEC).start();
  }

  /** A builder for other settings: persistence, cluster mode and any extra arguments. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options of a server to start. Not thread-safe: use it from one thread. */
  public static final class Builder {
    private Persistence persistence = Persistence.NONE;
    private final List<String> extra = new ArrayList<>();
    private boolean cluster;

    private Builder() {}

    public Builder persistence(Persistence persistence) {
      this.persistence = persistence;
      return this;
    }

    /** Extra arguments, after (so overriding) the defaults, e.g. {@code "--maxmemory", "1mb"}. */
    public Builder args(String... args) {
      extra.addAll(Arrays.asList(args));
      return this;
    }

    /**
     * Cluster mode ({@code nodes.conf}, node timeout 5 s) with a free bus port of its own: the
     * default bus port, port + 10000, is above 65535 for much of the ephemeral port range.
     */
    public Builder cluster() {
      cluster = true;
      return args("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
          "--cluster-node-timeout", "5000");
    }

    /** Starts the server and waits until it answers PING; on failure deletes what it made. */
    public RedisServer start() {
      List<String> settings = new ArrayList<>(persistence.args);
      settings.addAll(extra);
      RedisServer server = new RedisServer(settings, cluster);
      try {
        server.start();
        return server;
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }
  }

  public int port() {
    return port;
  }

  /** Always {@code 127.0.0.1}: the server binds nothing else. */
  public String host() {
    return HOST;
  }

  public String uri() {
    return "redis://" + HOST + ":" + port;
  }

  /** The server's own directory: working directory, AOF, {@code nodes.conf} and log file. */
  public Path directory() {
    return dir;
  }

  public boolean isRunning() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /**
   * Starts the server (again) and waits until it answers PING. After the first start it keeps the
   * same port and directory, so a server with an AOF reloads its data.
   */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
    if (isRunning()) {
      throw new IllegalStateException(this + " is already running");
    }
    boolean pinned = port != 0;
    for (int attempt = 1; ; attempt++) {
      if (!pinned) {
        int[] ports = freePorts(cluster ? 2 : 1);
        port = ports[0];
        busPort = cluster ? ports[1] : 0;
      }
      long logStart = size(log);
      launch();
      String failure = awaitReady();
      if (failure == null) {
        return;
      }
      destroy(process);
      process = null;
      boolean portTaken = readFrom(log, logStart).contains("Address already in use");
      if (pinned || !portTaken || attempt == BIND_ATTEMPTS) {
        String message = "redis-server on " + HOST + ":" + port + " " + failure + "\n" + tails(log, console);
        if (!pinned) {
          port = 0;
        }
        throw new IllegalStateException(message);
      }
    }
  }

  /** Stops gracefully if running, then starts again on the same port and directory. */
  public synchronized void restart() {
    stop();
    start();
  }

  /** Kills the server with SIGKILL (no chance to flush anything) and waits until it has exited. */
  public synchronized void kill() {
    destroy(process);
    process = null;
  }

  /** Stops the server gracefully ({@code SHUTDOWN NOSAVE}, then signals) and waits for its exit. */
  public synchronized void stop() {
    Process p = process;
    if (p != null && p.isAlive()) {
      try {
        cli("SHUTDOWN", "NOSAVE");
      } catch (RuntimeException ignored) {
        // Not answering (hung, still loading): the signals stop it anyway.
      }
      awaitExitElseSignal(p, STOP_TIMEOUT);
    }
    process = null;
  }

  /**
   * Runs {@code redis-cli -h 127.0.0.1 -p PORT args...} and returns its standard output, trimmed.
   * Redis error replies come back as text (redis-cli exits 0 on them); a failure to connect throws.
   */
  public String cli(String... args) {
    List<String> command = new ArrayList<>(List.of("-h", HOST, "-p", Integer.toString(port)));
    command.addAll(Arrays.asList(args));
    return redisCli(command, CLI_TIMEOUT);
  }

  /** Stops the server and deletes its directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    try {
      stop();
    } finally {
      closed = true;
      LIVE.remove(this);
      deleteTree(dir);
    }
  }

  @Override
  public String toString() {
    return "redis-server " + HOST + ":" + port + " in " + dir;
  }

  private void launch() {
    List<String> command = new ArrayList<>(List.of(binary("redis-server"),
        "--port", Integer.toString(port), "--bind", HOST, "--protected-mode", "yes",
        "--save", "", "--dir", dir.toString(), "--daemonize", "no", "--logfile", log.toString()));
    if (cluster) {
      command.addAll(List.of("--cluster-port", Integer.toString(busPort)));
    }
    command.addAll(settings);
    process = spawn(command, dir, console);
  }

  /** Null once the server answers, else why not. */
  private String awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Process p = process;
      if (!p.isAlive()) {
        return "exited with code " + p.exitValue() + " while starting";
      }
      // The TCP probe is cheap; PING answers PONG only once an AOF is loaded; process_id proves the
      // answer came from our process and not from whatever else might hold the port.
      if (accepts(port) && "PONG".equals(quietCli("PING"))
          && quietCli("INFO", "server").contains("process_id:" + p.pid())) {
        return null;
      }
      sleep(50);
    }
    return "did not answer PING within " + READY_TIMEOUT.toSeconds() + " s";
  }

  private String quietCli(String... args) {
    try {
      return cli(args);
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static void killAllOnExit() {
    for (RedisServer server : LIVE) {
      Process p = server.process;
      if (p != null) {
        p.destroyForcibly();
        waitFor(p, Duration.ofSeconds(5));
      }
      try {
        deleteTree(server.dir);
      } catch (RuntimeException ignored) {
        // A temp directory left behind is harmless at exit.
      }
    }
  }
}
