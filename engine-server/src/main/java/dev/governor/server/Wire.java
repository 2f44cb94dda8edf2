package dev.governor.server;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.governor.Page;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.Capability;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityType;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * How catalog records look on the wire, field for field as the seed's guide shows them (entities
 * answer with {@code typeId}; instants as {@code 2026-01-15T10:00:00.000Z}), plus the fields the
 * engine adds ({@code displayName}, {@code parentId} and {@code anchor}). Stateless and thread-safe.
 */
final class Wire {
  private Wire() {}

  /** Writes one item. */
  interface ItemWriter<T> {
    void write(JsonGenerator g, T item) throws IOException;
  }

  /** A bare JSON array, as upserts answer. */
  static <T> Json.Writer array(List<T> items, ItemWriter<T> writer) {
    return g -> {
      g.writeStartArray();
      for (T item : items) {
        writer.write(g, item);
      }
      g.writeEndArray();
    };
  }

  /** A list page: {@code {"data": [...], "pagination": {"next": ..., "prev": ...}}}. */
  static <T> Json.Writer page(Page<T> page, ItemWriter<T> writer) {
    return g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("data");
      for (T item : page.items()) {
        writer.write(g, item);
      }
      g.writeEndArray();
      g.writeObjectFieldStart("pagination");
      g.writeStringField("next", page.nextCursor());
      g.writeStringField("prev", page.prevCursor());
      g.writeEndObject();
      g.writeEndObject();
    };
  }

  static void entityType(JsonGenerator g, EntityType t) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", t.id());
    g.writeStringField("displayName", t.displayName());
    strings(g, "attributionKeys", t.attributionKeys());
    Json.instantField(g, "createdAt", t.createdAt());
    Json.instantField(g, "updatedAt", t.updatedAt());
    g.writeEndObject();
  }

  static void capability(JsonGenerator g, Capability c) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", c.id());
    g.writeStringField("type", c.type().name());
    Json.instantField(g, "createdAt", c.createdAt());
    Json.instantField(g, "updatedAt", c.updatedAt());
    g.writeEndObject();
  }

  static void entity(JsonGenerator g, Entity e) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", e.id());
    g.writeStringField("typeId", e.typeId());
    g.writeStringField("displayName", e.displayName());
    g.writeObjectFieldStart("metadata");
    for (Map.Entry<String, String> m : e.metadata().entrySet()) {
      g.writeStringField(m.getKey(), m.getValue());
    }
    g.writeEndObject();
    g.writeStringField("parentId", e.parentId());
    Json.instantField(g, "archivedAt", e.archivedAt());
    Json.instantField(g, "createdAt", e.createdAt());
    Json.instantField(g, "updatedAt", e.updatedAt());
    g.writeEndObject();
  }

  static void assignment(JsonGenerator g, Assignment a) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", a.id().toString());
    g.writeStringField("entityId", a.entityId());
    g.writeStringField("capabilityId", a.capabilityId());
    strings(g, "scopeEntityIds", a.scopeEntityIds());
    Json.longField(g, "usageLimit", a.usageLimit());
    Json.longField(g, "softLimit", a.softLimit());
    g.writeArrayFieldStart("alertThresholds");
    for (double f : a.alertThresholds()) {
      g.writeNumber(f);
    }
    g.writeEndArray();
    g.writeStringField("cadence", a.cadence().toString());
    Json.instantField(g, "anchor", a.anchor());
    g.writeStringField("timeZone", a.timeZone() == null ? null : a.timeZone().getId());
    g.writeStringField("parentId", a.parentId());
    Json.instantField(g, "createdAt", a.createdAt());
    Json.instantField(g, "updatedAt", a.updatedAt());
    g.writeEndObject();
  }

  static void strings(JsonGenerator g, String name, Collection<String> values) throws IOException {
    g.writeArrayFieldStart(name);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }
}
