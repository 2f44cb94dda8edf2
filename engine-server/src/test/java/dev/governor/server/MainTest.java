package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone server's command line: options, tokens from the environment or a file, never from arguments. */
class MainTest {
  private static final String TOKEN = "main-test-token-0123456789";

  @Test
  void start_memoryStoreOnPortZero_printsTheUrlAndServes() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (Main.Running running = Main.start(new String[] {"--port", "0", "--store", "memory"}, Map.of(Main.TOKENS_VARIABLE, TOKEN),
        new PrintStream(printed, true, StandardCharsets.UTF_8))) {
      String line = printed.toString(StandardCharsets.UTF_8);
      assertThat(line).startsWith("Governor server listening on http://127.0.0.1:" + running.server().port()).contains("store: memory")
          .doesNotContain(TOKEN);
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(running.server().uri() + "/entity-types")).header("Authorization", "Bearer " + TOKEN).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void start_tokensFromAFile_accepted(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("tokens");
    Files.writeString(file, TOKEN + ":cus-acme\n");
    try (Main.Running running = Main.start(new String[] {"--port", "0"}, Map.of(Main.TOKENS_FILE_VARIABLE, file.toString()),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(running.server().uri() + "/owners/cus-other/entities")).header("Authorization", "Bearer " + TOKEN).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("the file's token is limited to cus-acme").isEqualTo(403);
    }
  }

  @Test
  void start_tokenOnTheCommandLine_refused() {
    assertThatThrownBy(() -> Main.start(new String[] {"--token", TOKEN}, Map.of(), System.out))
        .isInstanceOf(Main.UsageException.class).hasMessageContaining("never taken from the command line");
  }

  @Test
  void start_badUsage_clearMessages() {
    assertThatThrownBy(() -> Main.start(new String[] {}, Map.of(), System.out)).hasMessageContaining("no API tokens");
    assertThatThrownBy(() -> Main.start(new String[] {"--port", "70000"}, Map.of(Main.TOKENS_VARIABLE, TOKEN), System.out))
        .hasMessageContaining("--port must be 0..65535: 70000");
    assertThatThrownBy(() -> Main.start(new String[] {"--store", "postgres://x"}, Map.of(Main.TOKENS_VARIABLE, TOKEN), System.out))
        .hasMessageContaining("--store must be memory or redis://host:port");
    assertThatThrownBy(() -> Main.start(new String[] {"--verbose"}, Map.of(Main.TOKENS_VARIABLE, TOKEN), System.out))
        .hasMessageContaining("unknown option --verbose");
    assertThatThrownBy(() -> Main.start(new String[] {}, Map.of(Main.TOKENS_VARIABLE, "short"), System.out))
        .hasMessageContaining("shorter than 16");
  }
}
