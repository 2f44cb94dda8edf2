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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code governor.lua}, the store's one script, by {@code EVALSHA}; a server that does not
 * know it (restarted, {@code SCRIPT FLUSH}, a new cluster node) answers {@code NOSCRIPT} and gets the
 * script itself by {@code EVAL} within the same call. Every call waits at most the store's timeout:
 * a server that is down, slow, out of memory or a read-only replica becomes a
 * {@link StoreCallException} within it, and the caller's thread is never left waiting. Thread-safe:
 * Lettuce multiplexes the calls of all threads over one connection.
 */
final class Script {
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

  /** One call of operation {@code args[0]}: its reply, or a {@link StoreCallException} within the timeout. */
  List<Object> call(String[] keys, String[] args) {
    return await(send(keys, args), keys, args);
  }

  /** Waits for a call sent by {@link #send}, loading the script on {@code NOSCRIPT}. */
  List<Object> await(RedisFuture<List<Object>> sent, String[] keys, String[] args) {
    long deadline = System.nanoTime() + timeoutNanos;
    try {
      return sent.get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof RedisNoScriptException)) {
        throw failed(args[0], e.getCause());
      }
    } catch (TimeoutException e) {
      sent.cancel(true);
      throw timedOut(args[0]);
    } catch (InterruptedException e) {
      sent.cancel(true);
      Thread.currentThread().interrupt();
      throw new StoreCallException("interrupted while waiting for Redis at " + server + " (" + args[0] + ")", e);
    } catch (CancellationException e) {
      throw failed(args[0], e);
    }
    RedisFuture<List<Object>> loaded = commands.eval(SOURCE, ScriptOutputType.MULTI, keys, args);
    try {
      return loaded.get(Math.max(0L, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw failed(args[0], e.getCause());
    } catch (TimeoutException e) {
      loaded.cancel(true);
      throw timedOut(args[0]);
    } catch (InterruptedException e) {
      loaded.cancel(true);
      Thread.currentThread().interrupt();
      throw new StoreCallException("interrupted while waiting for Redis at " + server + " (" + args[0] + ")", e);
    } catch (CancellationException e) {
      throw failed(args[0], e);
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
    try (InputStream in = Script.class.getResourceAsStream("governor.lua")) {
      if (in == null) {
        throw new IllegalStateException("governor.lua is missing from the engine-storage-redis jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha1(String source) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
  }
}
