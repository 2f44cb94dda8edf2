package dev.governor.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the web console: a fixed set of static files read once from the classpath at
 * {@code /console/}. The files carry no data and need no token (the console asks for one and sends
 * it to the API); every answer forbids framing and any script, style or connection not from this
 * server ({@code Content-Security-Policy: default-src 'self'; frame-ancestors 'none'}). Only the
 * files listed in {@link #FILES} exist, so no request path can reach anything else. Immutable and
 * thread-safe.
 */
final class Console extends Handler.Abstract {
  /** The console's files, as the resource folder holds them (ConsoleFilesTest keeps them in step). */
  static final List<String> FILES = List.of("index.html", "console.css", "app.js", "api.js", "dom.js", "format.js",
      "drawer.js", "menu.js", "sign-in.js", "entity-types.js", "customers.js", "governance.js", "hierarchy.js",
      "inline-edit.js", "add-entity.js");
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  private static final String PREFIX = "/console";
  private static final String FOLDER = "/dev/governor/server/console/";

  private final Map<String, byte[]> files = new TreeMap<>();

  Console() {
    super(InvocationType.NON_BLOCKING);
    for (String name : FILES) {
      try (InputStream in = Console.class.getResourceAsStream(FOLDER + name)) {
        if (in == null) {
          throw new IllegalStateException("the console file " + name + " is missing from the server's jar");
        }
        files.put(name, in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
      return false;
    }
    headers(response);
    String method = request.getMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      return text(response, callback, 405, "Method not allowed: the console's files are read with GET\n");
    }
    if (path.equals(PREFIX)) {
      // Relative links in index.html resolve against the folder, so the folder is the page.
      response.getHeaders().put(HttpHeader.LOCATION, PREFIX + "/");
      return text(response, callback, 301, "See /console/\n");
    }
    String name = path.substring(PREFIX.length() + 1);
    byte[] body = files.get(name.isEmpty() ? "index.html" : name);
    if (body == null) {
      return text(response, callback, 404, "No such console file\n");
    }
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType(name.isEmpty() ? "index.html" : name));
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, "HEAD".equals(method) ? null : ByteBuffer.wrap(body), callback);
    return true;
  }

  private static void headers(Response response) {
    response.getHeaders().put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    // The files change only with the server; revalidating keeps a new version from mixing with an old.
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
  }

  private static boolean text(Response response, Callback callback, int status, String message) {
    response.setStatus(status);
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return true;
  }

  static String contentType(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    if (name.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    }
    throw new IllegalArgumentException("no content type for console file " + name);
  }
}
