package dev.governor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code --serve}: after the report, the REST API answers over the demo's own engine. */
class DemoServeTest {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @Test
  void serve_smallWorkload_listsTheDemoOwnersWithThePrintedToken() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream progress = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    try (DemoServer server = GovernorDemo.serve(DemoOptions.parse("--seed", "3", "--requests", "2000", "--serve",
        "--port", "0"), new PrintStream(out, true, StandardCharsets.UTF_8), progress)) {
      String text = out.toString(StandardCharsets.UTF_8);
      assertThat(server.port()).isPositive();
      assertThat(server.uri().getHost()).isEqualTo("127.0.0.1");
      assertThat(text).contains("Governance tree · ")
          .contains("\nConsole: http://127.0.0.1:" + server.port() + "/console/\n")
          .contains("\nToken:   " + server.token() + "   (sign in with it;");

      HttpResponse<String> owners = get(server.uri().resolve("/owners?limit=100"), server.token());

      assertThat(owners.statusCode()).isEqualTo(200);
      for (OwnerPlan plan : SeedCatalog.owners()) {
        assertThat(owners.body()).contains("{\"id\":\"" + plan.ownerId() + "\"}");
      }
      assertThat(get(server.uri().resolve("/owners"), "not-the-token-but-long-enough").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void close_twice_isHarmless() {
    DemoServer server = DemoServer.start(Simulation.newEngine(), 0);

    server.close();
    server.close();
  }

  @Test
  void newToken_urlSafeBase64Of32Bytes_differsEachTime() {
    String token = DemoServer.newToken();

    assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
    assertThat(DemoServer.newToken()).isNotEqualTo(token);
  }

  private static HttpResponse<String> get(URI uri, String token) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
        .timeout(Duration.ofSeconds(30)).GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
