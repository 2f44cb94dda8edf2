package dev.governor.storage.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs the store's one Redis Function (the library of the {@code governor-*.lua} resources, joined)
 * by {@code FCALL}; a server that does not have the library (restarted without persistence,
 * {@code FUNCTION FLUSH}, a new cluster node) answers "Function not found" and gets it by
 * {@code FUNCTION LOAD REPLACE} (on every primary of a cluster) within the same call, which is then
 * sent again. The library and its function are named after a hash of the code, so engines of
 * different versions sharing one server each call their own. Every call waits at most the store's
 * timeout: a server that is down, slow, out of memory or a read-only replica becomes a
 * {@link StoreCallException} within it, and the caller's thread is never left waiting. Thread-safe:
 * Lettuce multiplexes the calls of all threads over one connection.
 */
final class Script {
  /** The parts of the library, joined in this order (one file per idea; Redis loads the whole). */
  private static final String[] PARTS = {"governor-rules.lua", "governor-holds.lua", "governor-ledger.lua", "governor-reservations.lua",
      "governor-catalog.lua", "governor-dispatch.lua"};
  private static final String CODE = load();
  /** The function's name, which is also the library's. */
  static final String FUNCTION = "governor_" + sha1(CODE).substring(0, 16);
  static final String LIBRARY = "#!lua name=" + FUNCTION + "\n" + CODE.replace("$FUNCTION", FUNCTION);

  private final RedisClusterAsyncCommands<String, String> commands;
  private final long timeoutNanos;
  private final String server;

  /** {@code commands}: the asynchronous API of a connection to one server or to a cluster. */
  Script(RedisClusterAsyncCommands<String, String> commands, Duration timeout, String server) {
    this.commands = commands;
    this.timeoutNanos = timeout.toNanos();
    this.server = server;
  }

  /** Sends one call without waiting. */
  RedisFuture<List<Object>> send(String[] keys, String[] args) {
    return commands.fcall(FUNCTION, ScriptOutputType.MULTI, keys, args);
  }

  /** Sends one call whose arguments are bytes (packed numbers travel as they are) without waiting. */
  private RedisFuture<List<Object>> send(String[] keys, List<byte[]> args) {
    CommandArgs<String, String> call = new CommandArgs<>(StringCodec.UTF8).add(FUNCTION).add(keys.length).addKeys(keys);
    for (byte[] arg : args) {
      call.add(arg);
    }
    return commands.dispatch(CommandType.FCALL, new NestedMultiOutput<>(StringCodec.UTF8), call);
  }

  /** The most a call may take. */
  long timeoutNanos() {
    return timeoutNanos;
  }

  /**
   * One call without waiting for it: completes with the reply, or exceptionally with a
   * {@link StoreCallException} (refused, failed, or timed out by the connection). Loads the library
   * when the server lacks it. Completion runs on the connection's I/O thread.
   */
  CompletableFuture<List<Object>> callAsync(String[] keys, String[] args) {
    return callAsync(() -> send(keys, args), args[0]);
  }

  /** {@link #callAsync(String[], String[])} with arguments as bytes; {@code args.get(0)} names the operation in ASCII. */
  CompletableFuture<List<Object>> callAsync(String[] keys, List<byte[]> args) {
    return callAsync(() -> send(keys, args), operation(args));
  }

  /** One call of operation {@code args[0]}: its reply, or a {@link StoreCallException} within the timeout. */
  List<Object> call(String[] keys, String[] args) {
    return await(send(keys, args), keys, args);
  }

  /** {@link #call(String[], String[])} with arguments as bytes; {@code args.get(0)} names the operation in ASCII. */
  List<Object> call(String[] keys, List<byte[]> args) {
    return await(send(keys, args), () -> send(keys, args), operation(args));
  }

  /** Waits for a call sent by {@link #send}, loading the library when the server lacks it. */
  List<Object> await(RedisFuture<List<Object>> sent, String[] keys, String[] args) {
    return await(sent, () -> send(keys, args), args[0]);
  }

  private static String operation(List<byte[]> args) {
    return new String(args.get(0), StandardCharsets.US_ASCII);
  }

  private CompletableFuture<List<Object>> callAsync(Supplier<RedisFuture<List<Object>>> call, String operation) {
    return call.get().toCompletableFuture()
        .<CompletableFuture<List<Object>>>handle((reply, e) -> {
          if (e == null) {
            return CompletableFuture.completedFuture(reply);
          }
          Throwable cause = unwrap(e);
          if (lacksLibrary(cause)) {
            return loadLibrary().thenCompose(loaded -> call.get().toCompletableFuture());
          }
          return CompletableFuture.<List<Object>>failedFuture(cause);
        })
        .thenCompose(f -> f)
        // No orTimeout here: its timer wakes a thread on every call. The connection's own command
        // timeout (set on clients the store creates) ends a call Redis never answers; the caller
        // waits at most the store's timeout in any case.
        .handle((reply, e) -> {
          if (e == null) {
            return reply;
          }
          Throwable cause = unwrap(e);
          throw cause instanceof TimeoutException ? timedOut(operation) : failed(operation, cause);
        });
  }

  private List<Object> await(RedisFuture<List<Object>> sent, Supplier<RedisFuture<List<Object>>> resend, String operation) {
    long deadline = System.nanoTime() + timeoutNanos;
    try {
      return reply(sent, deadline, operation);
    } catch (LibraryMissing e) {
      reply(loadLibrary(), deadline, operation);
      return reply(resend.get(), deadline, operation);
    }
  }

  /** Loads the library (replacing one of the same name) on the server, or on every primary of a cluster. */
  private CompletableFuture<?> loadLibrary() {
    if (commands instanceof RedisAdvancedClusterAsyncCommands<String, String> cluster) {
      return cluster.upstream().commands().functionLoad(LIBRARY, true).toCompletableFuture();
    }
    return commands.functionLoad(LIBRARY, true).toCompletableFuture();
  }

  private static boolean lacksLibrary(Throwable e) {
    return e instanceof RedisCommandExecutionException && e.getMessage() != null && e.getMessage().contains("Function not found");
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  /**
   * The result of a sent call, waiting until {@code deadline}. An interrupt does not abandon the
   * call: once sent, Redis may already have applied it, and answering "unavailable" for a decision
   * that was recorded would make the caller's accounting wrong. The thread waits for the reply
   * (still bounded by the timeout) and keeps its interrupt status.
   */
  private <T> T reply(Future<T> sent, long deadline, String operation) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return sent.get(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable cause = unwrap(e.getCause());
          if (lacksLibrary(cause)) {
            throw new LibraryMissing();
          }
          throw failed(operation, cause);
        } catch (TimeoutException e) {
          sent.cancel(true);
          throw timedOut(operation);
        } catch (CancellationException e) {
          throw failed(operation, e);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The server does not have the library yet. */
  private static final class LibraryMissing extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LibraryMissing() {
      super(null, null, false, false);
    }
  }

  private StoreCallException timedOut(String operation) {
    return new StoreCallException(
        "Redis at " + server + " did not answer " + operation + " within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms", null);
  }

  private StoreCallException failed(String operation, Throwable cause) {
    String message = String.valueOf(cause.getMessage());
    String lower = message.toLowerCase(Locale.ROOT);
    String hint = lower.contains("unknown command") && lower.contains("fcall")
        ? " (the store runs as a Redis Function: it needs Redis 7.0 or later)" : "";
    return new StoreCallException("Redis at " + server + " failed " + operation + ": " + message + hint, cause);
  }

  private static String load() {
    StringBuilder source = new StringBuilder(32 * 1024);
    for (String part : PARTS) {
      try (InputStream in = Script.class.getResourceAsStream(part)) {
        if (in == null) {
          throw new IllegalStateException(part + " is missing from the engine-storage-redis jar");
        }
        source.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return source.toString();
  }

  private static String sha1(String source) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
  }
}
