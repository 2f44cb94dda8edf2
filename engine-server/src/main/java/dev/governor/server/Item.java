package dev.governor.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.governor.catalog.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One JSON object of a request (the body, or one item of a batch), read strictly: a key the route
 * does not know is a 400 naming it (a typo must not be silently ignored), and every value is checked
 * for its type, the error naming the field, the item's index in its batch and the value. Key
 * presence is kept: absent, {@code null} and a value are three different things. Not thread-safe;
 * one per request.
 */
final class Item {
  private final ObjectNode node;
  /** The item's position in its batch, or null for the body itself. */
  private final Integer index;

  private Item(ObjectNode node, Integer index) {
    this.node = node;
    this.index = index;
  }

  /** The body as an object. */
  static Item body(JsonNode root) {
    if (!(root instanceof ObjectNode object)) {
      throw ApiError.malformed("the body must be a JSON object, not " + kind(root));
    }
    return new Item(object, null);
  }

  Integer index() {
    return index;
  }

  /** Refuses any key but {@code known}. */
  Item allow(String... known) {
    Set<String> names = Set.of(known);
    Iterator<String> it = node.fieldNames();
    while (it.hasNext()) {
      String name = it.next();
      if (!names.contains(name)) {
        throw ApiError.invalid(name, index, null, "is not a field of this request (known: " + String.join(", ", Arrays.asList(known)) + ")");
      }
    }
    return this;
  }

  boolean has(String field) {
    return node.has(field);
  }

  /** A required, non-null string. */
  String requiredString(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw ApiError.invalid(field, index, null, "is required");
    }
    return text(field, v);
  }

  /** An optional string: null when absent or null. */
  String optionalString(String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : text(field, v);
  }

  /** A tri-state string: absent keeps, null clears, a string sets. */
  Patch<String> patchString(String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      return Patch.keep();
    }
    return Patch.set(v.isNull() ? null : text(field, v));
  }

  /** A required whole number. */
  long requiredLong(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw ApiError.invalid(field, index, null, "is required");
    }
    return whole(field, v);
  }

  /** An optional whole number, or {@code fallback} when absent. */
  long optionalLong(String field, long fallback) {
    JsonNode v = node.get(field);
    if (v == null) {
      return fallback;
    }
    if (v.isNull()) {
      throw ApiError.invalid(field, index, "null", "must be a whole number when given");
    }
    return whole(field, v);
  }

  /** A tri-state whole number: absent keeps, null sets null, a number sets it. */
  Patch<Long> patchLong(String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      return Patch.keep();
    }
    return Patch.set(v.isNull() ? null : whole(field, v));
  }

  /** A tri-state array of numbers: absent keeps, null or [] clears, an array of numbers sets it. */
  Patch<List<Double>> patchNumbers(String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      return Patch.keep();
    }
    if (v.isNull()) {
      return Patch.set(List.of());
    }
    if (!v.isArray()) {
      throw ApiError.invalid(field, index, v.toString(), "must be an array of numbers, not " + kind(v));
    }
    List<Double> out = new ArrayList<>(v.size());
    for (JsonNode e : v) {
      if (!e.isNumber()) {
        throw ApiError.invalid(field, index, e.toString(), "must hold only numbers, not " + kind(e));
      }
      out.add(e.doubleValue());
    }
    return Patch.set(out);
  }

  /** An array of strings (each non-null), or null when absent; null itself is refused. */
  List<String> strings(String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      return null;
    }
    if (!v.isArray()) {
      throw ApiError.invalid(field, index, v.toString(), "must be an array of strings, not " + kind(v));
    }
    List<String> out = new ArrayList<>(v.size());
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw ApiError.invalid(field, index, e.toString(), "must hold only strings, not " + kind(e));
      }
      out.add(e.textValue());
    }
    return out;
  }

  /**
   * A string map patch ({@code metadata}): absent is null (keep); each value a string, {@code ""}
   * or null deleting the key.
   */
  Map<String, String> stringMap(String field) {
    JsonNode v = node.get(field);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      throw ApiError.invalid(field, index, v.toString(), "must be an object of strings, not " + kind(v));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      JsonNode value = e.getValue();
      if (value.isNull()) {
        out.put(e.getKey(), "");
      } else if (value.isTextual()) {
        out.put(e.getKey(), value.textValue());
      } else {
        throw ApiError.invalid(field + "." + e.getKey(), index, value.toString(), "must be a string or null, not " + kind(value));
      }
    }
    return out;
  }

  /** A required object of strings to strings (each value non-null), or null when absent. */
  Map<String, String> strictStringMap(String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw ApiError.invalid(field, index, v.toString(), "must be an object of strings, not " + kind(v));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      if (!e.getValue().isTextual()) {
        throw ApiError.invalid(field + "." + e.getKey(), index, e.getValue().toString(), "must be a string, not " + kind(e.getValue()));
      }
      out.put(e.getKey(), e.getValue().textValue());
    }
    return out;
  }

  /** The objects of array {@code field}, which must hold {@code min} to {@code max} of them. */
  List<Item> items(String field, int min, int max) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw ApiError.invalid(field, null, null, "is required (an array of " + min + " to " + max + " objects)");
    }
    if (!v.isArray()) {
      throw ApiError.invalid(field, null, v.toString(), "must be an array of objects, not " + kind(v));
    }
    if (v.size() < min || v.size() > max) {
      throw ApiError.invalid(field, null, v.size(), "must hold " + min + " to " + max + " items, not " + v.size());
    }
    List<Item> out = new ArrayList<>(v.size());
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!(e instanceof ObjectNode object)) {
        throw ApiError.invalid(field, i, e.toString(), "must hold only objects, not " + kind(e));
      }
      out.add(new Item(object, i));
    }
    return out;
  }

  /** The strings of array {@code field}, which must hold {@code min} to {@code max} of them. */
  List<String> requiredStrings(String field, int min, int max) {
    List<String> out = strings(field);
    if (out == null) {
      throw ApiError.invalid(field, index, null, "is required (an array of " + min + " to " + max + " strings)");
    }
    if (out.size() < min || out.size() > max) {
      throw ApiError.invalid(field, index, out.size(), "must hold " + min + " to " + max + " items, not " + out.size());
    }
    return out;
  }

  private String text(String field, JsonNode v) {
    if (!v.isTextual()) {
      throw ApiError.invalid(field, index, v.toString(), "must be a string, not " + kind(v));
    }
    return v.textValue();
  }

  private long whole(String field, JsonNode v) {
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw ApiError.invalid(field, index, v.toString(), v.isNumber() ? "must be a whole number within a signed 64-bit integer" : "must be a whole number, not " + kind(v));
    }
    return v.longValue();
  }

  /** What a JSON value is, for messages. */
  static String kind(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "nothing";
    }
    return switch (v.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "a " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
