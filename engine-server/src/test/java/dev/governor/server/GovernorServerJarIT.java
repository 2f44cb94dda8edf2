package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 12: the packaged jar starts with the README's command
 * ({@code GOVERNOR_API_TOKENS=... java -jar engine-server/target/governor-server.jar --port ... --store memory}),
 * prints its URL, serves, and stops on SIGTERM. Runs after {@code package} (failsafe).
 */
class GovernorServerJarIT {
  private static final String TOKEN = "jar-it-token-0123456789abcdef";
  private static final Pattern URL = Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)");

  @Test
  void jar_readmeCommand_startsServesAndStops() throws Exception {
    Path jar = Path.of("target/governor-server.jar");
    assertThat(jar).exists();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java, "-jar", jar.toString(), "--port", "0", "--store", "memory"));
    pb.environment().put("GOVERNOR_API_TOKENS", TOKEN);
    pb.redirectErrorStream(true);
    Process server = pb.start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String url = null;
      StringBuilder seen = new StringBuilder();
      for (String line; url == null && (line = out.readLine()) != null; ) {
        seen.append(line).append('\n');
        Matcher m = URL.matcher(line);
        if (m.find()) {
          url = m.group(1);
        }
      }
      assertThat(url).as("the startup line, in:\n%s", seen).isNotNull();

      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      HttpResponse<String> types = client.send(HttpRequest.newBuilder(URI.create(url + "/entity-types"))
          .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(types.statusCode()).isEqualTo(200);
      assertThat(types.body()).contains("\"data\"");

      server.destroy(); // SIGTERM: the shutdown hook stops the server gracefully
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
    } finally {
      server.destroyForcibly();
    }
  }
}
