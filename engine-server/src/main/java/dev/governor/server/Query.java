package dev.governor.server;

import dev.governor.PageRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request's query parameters, read strictly like a body: an unknown parameter is a 400 naming it,
 * a single-valued one given twice is a 400, and every value is checked. Not thread-safe; one per
 * request.
 */
final class Query {
  private final Map<String, List<String>> values;

  private Query(Map<String, List<String>> values) {
    this.values = values;
  }

  /** Parses a raw query string (null for none). */
  static Query parse(String raw) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        values.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
      }
    }
    return new Query(values);
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiError.invalid("query", null, s, "holds a malformed percent escape");
    }
  }

  /** Refuses any parameter but {@code known}. */
  Query allow(String... known) {
    Set<String> names = Set.of(known);
    for (String name : values.keySet()) {
      if (!names.contains(name)) {
        throw ApiError.invalid(name, null, null,
            "is not a query parameter of this route" + (known.length == 0 ? " (it takes none)" : " (known: " + String.join(", ", Arrays.asList(known)) + ")"));
      }
    }
    return this;
  }

  /** A single-valued parameter, or null when absent. */
  String string(String name) {
    List<String> v = values.get(name);
    if (v == null) {
      return null;
    }
    if (v.size() > 1) {
      throw ApiError.invalid(name, null, String.join(",", v), "may be given once");
    }
    return v.get(0);
  }

  /** A boolean parameter ({@code true} or {@code false}), {@code fallback} when absent. */
  boolean bool(String name, boolean fallback) {
    String v = string(name);
    if (v == null) {
      return fallback;
    }
    return switch (v) {
      case "true" -> true;
      case "false" -> false;
      default -> throw ApiError.invalid(name, null, v, "must be true or false");
    };
  }

  /** A number parameter, or null when absent. */
  Double number(String name) {
    String v = string(name);
    if (v == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(v);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw ApiError.invalid(name, null, v, "must be a number");
    }
  }

  /** A list parameter: repeated ({@code ?a=x&a=y}) and/or comma-separated ({@code ?a=x,y}); empty when absent. */
  List<String> list(String name) {
    List<String> v = values.get(name);
    if (v == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String s : v) {
      for (String part : s.split(",", -1)) {
        if (part.isEmpty()) {
          throw ApiError.invalid(name, null, s, "holds an empty item");
        }
        out.add(part);
      }
    }
    return out;
  }

  /** The page: {@code limit} (1..100, default 20) and the {@code after} or {@code before} cursor. */
  PageRequest page() {
    String limit = string("limit");
    int size = PageRequest.DEFAULT_LIMIT;
    if (limit != null) {
      try {
        size = Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        throw ApiError.invalid("limit", null, limit, "must be a whole number from 1 to " + PageRequest.MAX_LIMIT);
      }
      if (size < 1 || size > PageRequest.MAX_LIMIT) {
        throw ApiError.invalid("limit", null, limit, "must be a whole number from 1 to " + PageRequest.MAX_LIMIT);
      }
    }
    String after = cursor("after");
    String before = cursor("before");
    if (after != null && before != null) {
      throw ApiError.invalid("before", null, before, "cannot be combined with after; pass one cursor");
    }
    return new PageRequest(size, after, before);
  }

  private String cursor(String name) {
    String cursor = string(name);
    if (cursor != null && cursor.isEmpty()) {
      throw ApiError.invalid(name, null, cursor, "must be a cursor from a previous page, not empty");
    }
    return cursor;
  }
}
