package dev.governor.server;

import dev.governor.GovernanceEngine;
import dev.governor.spi.GovernanceStore;
import dev.governor.storage.memory.MemoryStore;
import dev.governor.storage.redis.RedisStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The standalone server:
 * {@code GOVERNOR_API_TOKENS=... java -jar engine-server/target/governor-server.jar --port 8080 --store memory}.
 *
 * <p>Options: {@code --port N} (default 8080), {@code --bind ADDRESS} (default 127.0.0.1),
 * {@code --store memory|redis://host:port} (default memory), {@code --threads N} (request threads, 4..1024,
 * default 4 per core, at least 8). Tokens come from the environment,
 * {@code GOVERNOR_API_TOKENS}, or from the file {@code GOVERNOR_API_TOKENS_FILE} names, never from
 * the command line (which every user of the machine can read in the process list). Prints one line
 * with the URL once listening; stops gracefully on SIGTERM or Ctrl-C. Exit status 2 for a usage
 * error.
 */
public final class Main {
  static final String TOKENS_VARIABLE = "GOVERNOR_API_TOKENS";
  static final String TOKENS_FILE_VARIABLE = "GOVERNOR_API_TOKENS_FILE";
  private static final String USAGE = "usage: GOVERNOR_API_TOKENS=token[,token:owner|owner...] java -jar governor-server.jar "
      + "[--port N] [--bind ADDRESS] [--store memory|redis://host:port] [--threads N]";

  private Main() {}

  public static void main(String[] args) {
    Running running;
    try {
      running = start(args, System.getenv(), System.out);
    } catch (UsageException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    } catch (RuntimeException e) {
      System.err.println("governor-server: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(running::close, "governor-shutdown"));
  }

  /** A started server and the store it owns. */
  record Running(GovernorServer server, GovernanceStore store) implements AutoCloseable {
    @Override
    public void close() {
      try {
        server.close();
      } finally {
        if (store instanceof AutoCloseable closeable) {
          try {
            closeable.close();
          } catch (Exception e) {
            System.err.println("closing the store failed: " + e);
          }
        }
      }
    }
  }

  /** Parses {@code args}, starts the server and prints its URL to {@code out}. */
  static Running start(String[] args, Map<String, String> env, PrintStream out) {
    int port = 8080;
    String bind = "127.0.0.1";
    String store = "memory";
    Integer threads = null;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--port" -> port = parsePort(value(args, ++i, arg));
        case "--bind" -> bind = value(args, ++i, arg);
        case "--store" -> store = value(args, ++i, arg);
        case "--threads" -> threads = parseThreads(value(args, ++i, arg));
        case "--token", "--tokens" -> throw new UsageException(
            "tokens are never taken from the command line (any user can read it in the process list): set " + TOKENS_VARIABLE + " or " + TOKENS_FILE_VARIABLE);
        default -> throw new UsageException("unknown option " + arg);
      }
    }
    ApiTokens tokens = tokens(env);
    GovernanceStore governanceStore = openStore(store);
    try {
      GovernanceEngine engine = GovernanceEngine.builder().store(governanceStore).build();
      GovernorServer.Builder builder = GovernorServer.builder().engine(engine).tokens(tokens).bind(bind).port(port);
      if (threads != null) {
        builder.threads(threads);
      }
      GovernorServer server = builder.start();
      out.println("Governor server listening on " + server.uri() + " (store: " + describe(store) + ", " + tokens.size() + " token(s))");
      out.println("Console: " + server.uri() + "/console/");
      out.flush();
      return new Running(server, governanceStore);
    } catch (RuntimeException e) {
      if (governanceStore instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new UsageException("--port must be 0..65535: " + text);
  }

  private static int parseThreads(String text) {
    try {
      int threads = Integer.parseInt(text);
      if (threads >= 4 && threads <= 1024) {
        return threads;
      }
    } catch (NumberFormatException e) {
      // falls through
    }
    throw new UsageException("--threads must be 4..1024: " + text);
  }

  static ApiTokens tokens(Map<String, String> env) {
    String inline = env.get(TOKENS_VARIABLE);
    String file = env.get(TOKENS_FILE_VARIABLE);
    if (inline != null && file != null) {
      throw new UsageException("set " + TOKENS_VARIABLE + " or " + TOKENS_FILE_VARIABLE + ", not both");
    }
    String spec = inline;
    if (file != null) {
      try {
        spec = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UsageException(TOKENS_FILE_VARIABLE + " names " + file + ", which cannot be read: " + e.getMessage());
      }
    }
    if (spec == null) {
      throw new UsageException("no API tokens: set " + TOKENS_VARIABLE + " (comma-separated; TOKEN:owner1|owner2 limits a token to those owners) or " + TOKENS_FILE_VARIABLE);
    }
    try {
      return ApiTokens.parse(spec);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static GovernanceStore openStore(String store) {
    if (store.equals("memory")) {
      return MemoryStore.create();
    }
    if (store.startsWith("redis://") || store.startsWith("rediss://")) {
      try {
        return RedisStore.builder().uri(store).build();
      } catch (RuntimeException e) {
        throw new UsageException("--store " + describe(store) + " cannot be used: " + e.getMessage());
      }
    }
    throw new UsageException("--store must be memory or redis://host:port: " + store);
  }

  /** The store without any password a Redis URI may carry. */
  private static String describe(String store) {
    return store.replaceAll("//[^@/]*@", "//***@");
  }

  /** A command-line mistake: the message, the usage line, exit status 2. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message, null, false, false);
    }
  }
}
