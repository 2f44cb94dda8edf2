package dev.governor.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One route: a method and a path template such as {@code /owners/{ownerId}/entities/{id}}, and the
 * endpoint that answers it. Immutable.
 */
final class Route {
  /** Answers one call. */
  interface Endpoint {
    Reply answer(Call call);
  }

  final String method;
  final String template;
  final Endpoint endpoint;
  /** Whether the route is open without a token ({@code /health} only). */
  final boolean open;
  private final String[] segments;

  Route(String method, String template, Endpoint endpoint, boolean open) {
    this.method = method;
    this.template = template;
    this.endpoint = endpoint;
    this.open = open;
    this.segments = template.substring(1).split("/", -1);
  }

  /** How many segments are literal: a literal beats a parameter when two templates match. */
  int literals() {
    int n = 0;
    for (String s : segments) {
      if (!s.startsWith("{")) {
        n++;
      }
    }
    return n;
  }

  /** The path parameters when {@code path} (decoded segments) matches, else null. */
  Map<String, String> match(List<String> path) {
    if (path.size() != segments.length) {
      return null;
    }
    List<String> names = new ArrayList<>(2);
    List<String> values = new ArrayList<>(2);
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      if (s.startsWith("{")) {
        names.add(s.substring(1, s.length() - 1));
        values.add(path.get(i));
      } else if (!s.equals(path.get(i))) {
        return null;
      }
    }
    return names.isEmpty() ? Map.of() : zip(names, values);
  }

  private static Map<String, String> zip(List<String> names, List<String> values) {
    Map<String, String> out = new java.util.HashMap<>(4);
    for (int i = 0; i < names.size(); i++) {
      out.put(names.get(i), values.get(i));
    }
    return out;
  }
}
