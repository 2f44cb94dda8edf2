package dev.governor.demo;

/**
 * The demo's command line: {@code [--seed N] [--requests N] [--threads N] [--redis URI] [--help]};
 * each option also takes the {@code --name=value} form. Immutable.
 *
 * @param seed the workload seed; the same seed gives the same report
 * @param requests requests in all owners' streams together
 * @param threads worker threads
 * @param help whether to print the usage and stop
 * @param redisUri the Redis server to run on ({@code redis://host:port}), or null for the in-memory store
 */
public record DemoOptions(long seed, int requests, int threads, boolean help, String redisUri) {
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_REQUESTS = 400_000;
  /** On Redis every decision is a round trip: a tenth of the requests keeps the run under a minute. */
  public static final int DEFAULT_REDIS_REQUESTS = 40_000;
  public static final int DEFAULT_THREADS = 4;
  public static final int MAX_REQUESTS = 20_000_000;
  public static final int MAX_THREADS = 64;

  public static final String USAGE = """
      usage: GovernorDemo [--seed N] [--requests N] [--threads N] [--redis URI]
        --seed N       workload seed (default %d); the same seed gives the same report
        --requests N   requests in total, 1..%d (default %d; %d with --redis)
        --threads N    worker threads, 1..%d (default %d)
        --redis URI    run on Redis (redis://host:port) instead of the in-memory store,
                       under a fresh key prefix of its own
      with Maven: mvn -q -B -pl engine-demo exec:java -Dexec.args="--seed 7"
      """.formatted(DEFAULT_SEED, MAX_REQUESTS, DEFAULT_REQUESTS, DEFAULT_REDIS_REQUESTS, MAX_THREADS, DEFAULT_THREADS);

  /** Options without Redis. */
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
    DemoOptions options = defaults();
    boolean requestsGiven = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        options = new DemoOptions(options.seed, options.requests, options.threads, true, options.redisUri);
        continue;
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      if (!name.equals("--seed") && !name.equals("--requests") && !name.equals("--threads") && !name.equals("--redis")) {
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
      requestsGiven |= name.equals("--requests");
      options = switch (name) {
        case "--seed" -> new DemoOptions(number(name, value), options.requests, options.threads, options.help, options.redisUri);
        case "--requests" -> new DemoOptions(options.seed, (int) bounded(name, value, MAX_REQUESTS),
            options.threads, options.help, options.redisUri);
        case "--threads" -> new DemoOptions(options.seed, options.requests, (int) bounded(name, value, MAX_THREADS),
            options.help, options.redisUri);
        case "--redis" -> new DemoOptions(options.seed, options.requests, options.threads, options.help, redisUri(value));
        default -> throw new IllegalStateException(name);
      };
    }
    if (options.redisUri != null && !requestsGiven) {
      options = new DemoOptions(options.seed, DEFAULT_REDIS_REQUESTS, options.threads, options.help, options.redisUri);
    }
    return options;
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

  private static long bounded(String name, String value, long max) {
    long n = number(name, value);
    if (n < 1 || n > max) {
      throw new IllegalArgumentException("option " + name + " must be between 1 and " + max + ", got " + n);
    }
    return n;
  }
}
