package dev.governor.storage.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisScriptingAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the store's one script (the {@code governor-*.lua} resources, joined) by {@code EVALSHA}; a server that does not
 * know it (restarted, {@code SCRIPT FLUSH}, a new cluster node) answers {@code NOSCRIPT} and gets the
 * script itself by {@code EVAL} within the same call. Every call waits at most the store's timeout:
 * a server that is down, slow, out of memory or a read-only replica becomes a
 * {@link StoreCallException} within it, and the caller's thread is never left waiting. Thread-safe:
 * Lettuce multiplexes the calls of all threads over one connection.
 */
final class Script {
  /** The parts of the script, joined in this order (one file per idea; Redis runs the whole). */
  private static final String[] PARTS = {"governor-rules.lua", "governor-ledger.lua", "governor-catalog.lua", "governor-dispatch.lua"};
  static final String SOURCE = load();
  static final String SHA = sha1(SOURCE);

  private final RedisScriptingAsyncCommands<String, String> commands;
  private final long timeoutNanos;
  private final String server;

  Script(RedisScriptingAsyncCommands<String, String> commands, Duration timeout, String server) {
    this.commands = commands;
    this.timeoutNanos = timeout.toNanos();
    this.server = server;
  }

  /** Sends one call without waiting. */
  RedisFuture<List<Object>> send(String[] keys, String[] args) {
    return commands.evalsha(SHA, ScriptOutputType.MULTI, keys, args);
  }

  /** The most a call may take. */
  long timeoutNanos() {
    return timeoutNanos;
  }

  /**
   * One call without waiting for it: completes with the reply, or exceptionally with a
   * {@link StoreCallException} (refused, failed, or timed out by the connection). Reloads the script
   * on {@code NOSCRIPT}. Completion runs on the connection's I/O thread.
   */
  CompletableFuture<List<Object>> callAsync(String[] keys, String[] args) {
    CompletableFuture<List<Object>> sent = commands.<List<Object>>evalsha(SHA, ScriptOutputType.MULTI, keys, args).toCompletableFuture();
    return sent
        .<CompletableFuture<List<Object>>>handle((reply, e) -> {
          if (e == null) {
            return CompletableFuture.completedFuture(reply);
          }
          Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          if (cause instanceof RedisNoScriptException) {
            return commands.<List<Object>>eval(SOURCE, ScriptOutputType.MULTI, keys, args).toCompletableFuture();
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
          Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          throw cause instanceof TimeoutException ? timedOut(args[0]) : failed(args[0], cause);
        });
  }

  /** One call of operation {@code args[0]}: its reply, or a {@link StoreCallException} within the timeout. */
  List<Object> call(String[] keys, String[] args) {
    return await(send(keys, args), keys, args);
  }

  /** Waits for a call sent by {@link #send}, loading the script on {@code NOSCRIPT}. */
  List<Object> await(RedisFuture<List<Object>> sent, String[] keys, String[] args) {
    long deadline = System.nanoTime() + timeoutNanos;
    try {
      return reply(sent, deadline, args[0]);
    } catch (NoScript e) {
      return reply(commands.eval(SOURCE, ScriptOutputType.MULTI, keys, args), deadline, args[0]);
    }
  }

  /**
   * The reply of a sent call, waiting until {@code deadline}. An interrupt does not abandon the call:
   * once sent, Redis may already have applied it, and answering "unavailable" for a decision that
   * was recorded would make the caller's accounting wrong. The thread waits for the reply (still
   * bounded by the timeout) and keeps its interrupt status.
   */
  private List<Object> reply(RedisFuture<List<Object>> sent, long deadline, String operation) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return sent.get(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          if (e.getCause() instanceof RedisNoScriptException) {
            throw new NoScript();
          }
          throw failed(operation, e.getCause());
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

  /** The server does not know the script yet. */
  private static final class NoScript extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoScript() {
      super(null, null, false, false);
    }
  }

  private StoreCallException timedOut(String operation) {
    return new StoreCallException(
        "Redis at " + server + " did not answer " + operation + " within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms", null);
  }

  private StoreCallException failed(String operation, Throwable cause) {
    return new StoreCallException("Redis at " + server + " failed " + operation + ": " + cause.getMessage(), cause);
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
