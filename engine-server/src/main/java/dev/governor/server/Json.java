package dev.governor.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * JSON in and out. Bodies are read as trees, so an absent key, {@code null} and {@code ""} stay
 * distinct (the tri-state fields depend on it); a repeated key or anything after the value is
 * malformed. Replies are written by a streaming generator. Stateless and thread-safe.
 */
final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  /** Instants as the seed writes them: {@code 2026-01-15T10:00:00.000Z}. */
  private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Json() {}

  /** The body's JSON tree; a 400 naming where the text stops being JSON otherwise. */
  static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      throw ApiError.malformed("the request needs a JSON body");
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
      throw ApiError.malformed("the body is not valid JSON: " + e.getOriginalMessage() + where);
    } catch (IOException e) {
      throw ApiError.malformed("the body could not be read as JSON");
    }
  }

  /** An instant as the API writes it, or null. */
  static String instant(Instant t) {
    return t == null ? null : INSTANT.format(t);
  }

  /** Writes one reply body. */
  interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  /** The bytes {@code writer} produces. */
  static byte[] write(Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes {@code name: instant} (null as null). */
  static void instantField(JsonGenerator g, String name, Instant t) throws IOException {
    if (t == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, INSTANT.format(t));
    }
  }

  /** Writes {@code name: value} for a possibly null number. */
  static void longField(JsonGenerator g, String name, Long value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeNumberField(name, value.longValue());
    }
  }
}
