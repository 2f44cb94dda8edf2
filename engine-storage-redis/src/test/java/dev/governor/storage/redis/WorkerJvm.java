package dev.governor.storage.redis;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM running a main class of the test sources on this test JVM's own class path, with its
 * output and errors in a log file, so a test can drive a fleet of engine processes: wait until one
 * prints a line, send it a line on standard input, wait for its exit until a deadline.
 * {@link #close()} kills it if it still runs, so a failed or hung test leaves no process behind.
 *
 * <p>Not thread-safe: drive it from the test thread.
 */
final class WorkerJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private WorkerJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code java -cp <this JVM's class path> mainClass args...}, logging to {@code dir/name.log}. */
  static WorkerJvm start(String name, Path dir, Class<?> mainClass, List<String> args) {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // Small and quick to start: three of these share two cores with Redis and the test JVM.
        "-Xmx256m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        mainClass.getName()));
    command.addAll(args);
    Path log = dir.resolve(name + ".log");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
      return new WorkerJvm(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  String name() {
    return name;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Whether the process has printed {@code line} as a whole line so far. */
  boolean printed(String line) {
    return log().lines().anyMatch(line::equals);
  }

  /** Sends one line to the process's standard input. */
  void send(String line) {
    try {
      OutputStream in = process.getOutputStream();
      in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + name + "; its log:\n" + log(), e);
    }
  }

  /**
   * Waits for the exit until {@code deadlineNanos} (a {@link System#nanoTime()} value).
   *
   * @return the exit code, or null when the process still ran at the deadline (it is then killed)
   */
  Integer awaitExit(long deadlineNanos) throws InterruptedException {
    long left = Math.max(0, deadlineNanos - System.nanoTime());
    if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
      close();
      return null;
    }
    return process.exitValue();
  }

  /** Everything the process printed so far. */
  String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  /** Kills the process if it still runs and waits for it to go. Idempotent. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ")";
  }
}
