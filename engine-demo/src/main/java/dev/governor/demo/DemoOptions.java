package dev.governor.demo;

/**
 * The demo's command line:
 * {@code [--seed N] [--requests N] [--threads N] [--redis URI] [--serve [--port N]] [--help]}; each
 * option with a value also takes the {@code --name=value} form. Immutable.
 *
 * @param seed the workload seed; the same seed gives the same report
 * @param requests requests in all owners' streams together
 * @param threads worker threads
 * @param help whether to print the usage and stop
 * @param redisUri the Redis server to run on ({@code redis://host:port}), or null for the in-memory store
 * @param serve whether to keep a REST server and console open over the demo's engine after the report
 * @param port the port of that server (0 lets the system choose); {@link #DEFAULT_PORT} unless serving
 */
public record DemoOptions(long seed, int requests, int threads, boolean help, String redisUri, boolean serve, int port) {
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_REQUESTS = 400_000;
  /** On Redis every decision is a round trip: a tenth of the requests keeps the run under a minute. */
  public static final int DEFAULT_REDIS_REQUESTS = 40_000;
  public static final int DEFAULT_THREADS = 4;
  public static final int DEFAULT_PORT = 8080;
  public static final int MAX_REQUESTS = 20_000_000;
  public static final int MAX_THREADS = 64;
  public static final int MAX_PORT = 65_535;

  public static final String USAGE = """
      usage: GovernorDemo [--seed N] [--requests N] [--threads N] [--redis URI] [--serve [--port N]]
        --seed N       workload seed (default %d); the same seed gives the same report
        --requests N   requests in total, 1..%d (default %d; %d with --redis)
        --threads N    worker threads, 1..%d (default %d)
        --redis URI    run on Redis (redis://host:port) instead of the in-memory store,
                       under a fresh key prefix of its own
        --serve        after the report, keep the REST API and console open on 127.0.0.1 over
                       the demo's data, with a fresh admin token, until Ctrl-C
        --port N       the port --serve listens on, 0..%d (default %d; 0 = any free port)
      with Maven: mvn -q -B -pl engine-demo exec:java -Dexec.args="--seed 7"
      """.formatted(DEFAULT_SEED, MAX_REQUESTS, DEFAULT_REQUESTS, DEFAULT_REDIS_REQUESTS, MAX_THREADS, DEFAULT_THREADS,
      MAX_PORT, DEFAULT_PORT);

  /** Options without serving. */
  public DemoOptions(long seed, int requests, int threads, boolean help, String redisUri) {
    this(seed, requests, threads, help, redisUri, false, DEFAULT_PORT);
  }

  /** Options without Redis and without serving. */
  public DemoOptions(long seed, int requests, int threads, boolean help) {
    this(seed, requests, threads, help, null);
  }

  /** The defaults. */
  public static DemoOptions defaults() {
    return new DemoOptions(DEFAULT_SEED, DEFAULT_REQUESTS, DEFAULT_THREADS, false);
  }

  /**
   * Parses the command line.
   *
   * @throws IllegalArgumentException naming the bad option or value
   */
  public static DemoOptions parse(String... args) {
    long seed = DEFAULT_SEED;
    Integer requests = null;
    int threads = DEFAULT_THREADS;
    boolean help = false;
    String redisUri = null;
    boolean serve = false;
    Integer port = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        help = true;
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (name.equals("--serve")) {
        if (eq >= 0) {
          throw new IllegalArgumentException("option --serve takes no value, got '" + arg + "'");
        }
        serve = true;
        continue;
      }
      if (!name.equals("--seed") && !name.equals("--requests") && !name.equals("--threads") && !name.equals("--redis")
          && !name.equals("--port")) {
        throw new IllegalArgumentException("unknown option '" + arg + "'");
      }
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("option " + name + " needs a value");
      }
      switch (name) {
        case "--seed" -> seed = number(name, value);
        case "--requests" -> requests = (int) bounded(name, value, 1, MAX_REQUESTS);
        case "--threads" -> threads = (int) bounded(name, value, 1, MAX_THREADS);
        case "--redis" -> redisUri = redisUri(value);
        case "--port" -> port = (int) bounded(name, value, 0, MAX_PORT);
        default -> throw new IllegalStateException(name);
      }
    }
    // Checked after the loop so that the order of --port and --serve does not matter. A port without
    // --serve would be silently ignored, which hides a forgotten --serve.
    if (port != null && !serve) {
      throw new IllegalArgumentException("option --port " + port + " needs --serve (it is the port the demo serves on)");
    }
    if (requests == null) {
      requests = redisUri == null ? DEFAULT_REQUESTS : DEFAULT_REDIS_REQUESTS;
    }
    return new DemoOptions(seed, requests, threads, help, redisUri, serve, port == null ? DEFAULT_PORT : port);
  }

  private static String redisUri(String value) {
    String uri = value.trim();
    if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
      throw new IllegalArgumentException("option --redis needs a redis:// or rediss:// URI, got '" + value + "'");
    }
    return uri;
  }

  private static long number(String name, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option " + name + " needs a whole number, got '" + value + "'", e);
    }
  }

  private static long bounded(String name, String value, long min, long max) {
    long n = number(name, value);
    if (n < min || n > max) {
      throw new IllegalArgumentException("option " + name + " must be between " + min + " and " + max + ", got " + n);
    }
    return n;
  }
}
