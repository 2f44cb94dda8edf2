package dev.governor.server;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the route of a request: 404 when no template matches the path, 405 (with the methods that
 * would) when templates match but none for the method. Where a literal segment and a parameter
 * both match ({@code /entities/archive} and {@code /entities/{id}}), the literal wins. Immutable and
 * thread-safe.
 */
final class Router {
  private final List<Route> routes;

  Router(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  /** A matched route and its path parameters. */
  record Match(Route route, Map<String, String> params) {}

  /** The route for {@code method} and raw {@code path}, or an {@link ApiError} (400, 404 or 405). */
  Match find(String method, String path) {
    List<String> segments = segments(path);
    Match best = null;
    TreeSet<String> allowed = new TreeSet<>();
    for (Route r : routes) {
      Map<String, String> params = r.match(segments);
      if (params == null) {
        continue;
      }
      allowed.add(r.method);
      if (r.method.equals(method) && (best == null || r.literals() > best.route().literals())) {
        best = new Match(r, params);
      }
    }
    if (best != null) {
      return best;
    }
    if (allowed.isEmpty()) {
      throw ApiError.notFound("no route " + path, null, null, null);
    }
    throw new MethodNotAllowed(method, path, String.join(", ", allowed));
  }

  /** 405, with the methods the path takes (the {@code Allow} header). */
  static final class MethodNotAllowed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final ApiError error;
    final String allow;

    MethodNotAllowed(String method, String path, String allow) {
      super(null, null, false, false);
      this.error = new ApiError(405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + path + " (allowed: " + allow + ")", null, null, null);
      this.allow = allow;
    }
  }

  /** The decoded segments of a raw path ({@code %2F} inside an id stays inside it). */
  static List<String> segments(String path) {
    if (path == null || !path.startsWith("/")) {
      throw ApiError.notFound("no route " + path, null, null, null);
    }
    String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    List<String> out = new ArrayList<>();
    for (String raw : trimmed.substring(1).split("/", -1)) {
      out.add(decode(raw));
    }
    return out;
  }

  /** Percent-decodes one path segment as UTF-8 ('+' stays '+'); a malformed escape is a 400. */
  static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    byte[] bytes = new byte[raw.length()];
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        if (i + 2 >= raw.length()) {
          throw ApiError.invalid("path", null, raw, "holds a malformed percent escape");
        }
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          throw ApiError.invalid("path", null, raw, "holds a malformed percent escape");
        }
        bytes[n++] = (byte) (hi * 16 + lo);
        i += 2;
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (n + encoded.length > bytes.length) {
          bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2 + encoded.length);
        }
        System.arraycopy(encoded, 0, bytes, n, encoded.length);
        n += encoded.length;
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n)).toString();
    } catch (CharacterCodingException e) {
      throw ApiError.invalid("path", null, raw, "is not UTF-8 once percent-decoded");
    }
  }
}
