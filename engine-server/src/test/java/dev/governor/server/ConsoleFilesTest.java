package dev.governor.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.storage.memory.MemoryStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the console's files over HTTP: every file served with its type and the security
 * headers, nothing else reachable, no token needed for the files and still needed for the API.
 */
class ConsoleFilesTest {
  private static final Path FOLDER = Path.of("src", "main", "resources", "dev", "governor", "server", "console");

  @Test
  void files_listedInConsole_exactlyTheFilesOfTheFolder() throws IOException {
    try (Stream<Path> files = Files.list(FOLDER)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrderElementsOf(Console.FILES);
    }
  }

  @Test
  void everyFile_servedWithoutTokenWithTypeAndSecurityHeaders() throws IOException {
    try (ServerFixture api = new ServerFixture()) {
      for (String name : Console.FILES) {
        ServerFixture.Reply r = raw(api, "GET", "/console/" + name);

        assertThat(r.status()).as(name).isEqualTo(200);
        assertThat(r.raw().body()).as(name).isEqualTo(Files.readString(FOLDER.resolve(name)));
        assertThat(r.header("Content-Type")).as(name).isEqualTo(Console.contentType(name));
        assertThat(r.header("Content-Security-Policy")).as(name).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Set-Cookie")).isNull();
      }
    }
  }

  @Test
  void folder_indexHtml_andBarePathRedirectsToIt() {
    try (ServerFixture api = new ServerFixture()) {
      ServerFixture.Reply index = raw(api, "GET", "/console/");
      ServerFixture.Reply bare = raw(api, "GET", "/console");

      assertThat(index.status()).isEqualTo(200);
      assertThat(index.raw().body()).contains("<script type=\"module\" src=\"app.js\">");
      assertThat(bare.status()).isEqualTo(301);
      assertThat(bare.header("Location")).isEqualTo("/console/");
    }
  }

  @Test
  void otherPaths_404AndNothingOutsideTheList() {
    try (ServerFixture api = new ServerFixture()) {
      for (String path : List.of("/console/nope.js", "/console/dev/governor/server/Main.class", "/console/%2e%2e/Main.class",
          "/console/..%2fMain.class", "/console/app.js/", "/console/APP.JS", "/console/../owners")) {
        ServerFixture.Reply r = raw(api, "GET", path);
        assertThat(r.status()).as(path).isIn(400, 404);
        // Jetty refuses ambiguous segments (400) before any handler; the rest is the console's 404.
        assertThat(r.raw().body()).as(path).hasSizeLessThan(500).doesNotContain("\"data\"").doesNotContain("<script");
      }
    }
  }

  @Test
  void post_405WithAllow() {
    try (ServerFixture api = new ServerFixture()) {
      ServerFixture.Reply r = api.sendRaw(HttpRequest.newBuilder(URI.create(api.server.uri() + "/console/app.js"))
          .POST(HttpRequest.BodyPublishers.ofString("x")).build());

      assertThat(r.status()).isEqualTo(405);
      assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
    }
  }

  @Test
  void api_stillNeedsToken() {
    try (ServerFixture api = new ServerFixture()) {
      assertThat(raw(api, "GET", "/owners").status()).isEqualTo(401);
    }
  }

  @Test
  void consoleDisabled_404FromTheApi() {
    try (ServerFixture api = new ServerFixture(MemoryStore.create(), GovernorServer.builder().console(false))) {
      ServerFixture.Reply r = raw(api, "GET", "/console/");

      assertThat(r.status()).isEqualTo(404);
      assertThat(r.body().get("code").asText()).isEqualTo("NOT_FOUND");
    }
  }

  private static ServerFixture.Reply raw(ServerFixture api, String method, String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.server.uri() + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return api.sendRaw(request);
  }
}
