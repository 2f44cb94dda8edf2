package dev.governor.storage.redis;

import dev.governor.catalog.Cadence;
import dev.governor.catalog.Capability;
import dev.governor.catalog.CapabilityType;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityType;
import dev.governor.spi.StoredAssignment;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The stored form of catalog records: each field length-prefixed ({@code 5:hello}), null as
 * {@code ~}, text through {@link Escapes#text}. Length prefixes make the form unambiguous whatever
 * the fields contain, and keep it readable in {@code redis-cli}. Instants keep their nanoseconds.
 * Stateless and thread-safe.
 */
final class Records {
  private Records() {}

  static String entity(Entity e) {
    Writer w = new Writer().text(e.id()).text(e.typeId()).text(e.displayName()).text(e.parentId())
        .instant(e.archivedAt()).instant(e.createdAt()).instant(e.updatedAt()).count(e.metadata().size());
    e.metadata().forEach((k, v) -> w.text(k).text(v));
    return w.toString();
  }

  static Entity entity(String s) {
    Reader r = new Reader(s);
    String id = r.text();
    String typeId = r.text();
    String displayName = r.text();
    String parentId = r.text();
    Instant archivedAt = r.instant();
    Instant createdAt = r.instant();
    Instant updatedAt = r.instant();
    int n = r.count();
    Map<String, String> metadata = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      metadata.put(r.text(), r.text());
    }
    return new Entity(id, typeId, displayName, metadata, parentId, archivedAt, createdAt, updatedAt);
  }

  static String assignment(StoredAssignment a) {
    Writer w = new Writer().text(a.id().toString()).text(a.entityId()).text(a.capabilityId()).count(a.scopeEntityIds().size());
    a.scopeEntityIds().forEach(w::text);
    w.text(a.usageLimit() == null ? null : a.usageLimit().toString()).text(a.cadence().toString())
        .instant(a.anchor()).instant(a.createdAt()).instant(a.updatedAt());
    // Added after the first format: a record written before them ends here, and reads as none/UTC.
    w.text(a.softLimit() == null ? null : a.softLimit().toString()).count(a.alertThresholds().size());
    a.alertThresholds().forEach(f -> w.text(Double.toString(f)));
    return w.text(a.timeZone() == null ? null : a.timeZone().getId()).toString();
  }

  /** An assignment's natural key (entity, capability, scope) in a form equal only for equal keys. */
  static String naturalKey(StoredAssignment a) {
    Writer w = new Writer().text(a.entityId()).text(a.capabilityId()).count(a.scopeEntityIds().size());
    a.scopeEntityIds().forEach(w::text);
    return w.toString();
  }

  static StoredAssignment assignment(String s) {
    Reader r = new Reader(s);
    UUID id = UUID.fromString(r.text());
    String entityId = r.text();
    String capabilityId = r.text();
    int n = r.count();
    Set<String> scope = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      scope.add(r.text());
    }
    String limit = r.text();
    Cadence cadence = Cadence.parse(r.text());
    Instant anchor = r.instant();
    Instant createdAt = r.instant();
    Instant updatedAt = r.instant();
    String soft = null;
    List<Double> thresholds = new ArrayList<>();
    String zone = null;
    if (r.hasMore()) {
      soft = r.text();
      int m = r.count();
      for (int i = 0; i < m; i++) {
        thresholds.add(Double.valueOf(r.text()));
      }
      zone = r.text();
    }
    return new StoredAssignment(id, entityId, capabilityId, scope, limit == null ? null : Long.valueOf(limit),
        soft == null ? null : Long.valueOf(soft), thresholds, cadence, anchor, zone == null ? null : ZoneId.of(zone),
        createdAt, updatedAt);
  }

  static String entityType(EntityType t) {
    Writer w = new Writer().text(t.id()).text(t.displayName()).count(t.attributionKeys().size());
    t.attributionKeys().forEach(w::text);
    return w.instant(t.createdAt()).instant(t.updatedAt()).toString();
  }

  static EntityType entityType(String s) {
    Reader r = new Reader(s);
    String id = r.text();
    String displayName = r.text();
    int n = r.count();
    List<String> keys = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      keys.add(r.text());
    }
    return new EntityType(id, displayName, keys, r.instant(), r.instant());
  }

  static String capability(Capability c) {
    return new Writer().text(c.id()).text(c.type().name()).instant(c.createdAt()).instant(c.updatedAt()).toString();
  }

  static Capability capability(String s) {
    Reader r = new Reader(s);
    return new Capability(r.text(), CapabilityType.valueOf(r.text()), r.instant(), r.instant());
  }

  /** Appends fields. */
  private static final class Writer {
    private final StringBuilder out = new StringBuilder(128);

    Writer text(String s) {
      if (s == null) {
        out.append('~');
      } else {
        String t = Escapes.text(s);
        out.append(t.length()).append(':').append(t);
      }
      return this;
    }

    Writer count(int n) {
      return text(Integer.toString(n));
    }

    Writer instant(Instant t) {
      return text(t == null ? null : t.getEpochSecond() + "." + t.getNano());
    }

    @Override
    public String toString() {
      return out.toString();
    }
  }

  /** Reads the fields back in the order they were written. */
  private static final class Reader {
    private final String s;
    private int at;

    Reader(String s) {
      this.s = s;
    }

    String text() {
      if (s.charAt(at) == '~') {
        at++;
        return null;
      }
      int colon = s.indexOf(':', at);
      int length = Integer.parseInt(s, at, colon, 10);
      at = colon + 1 + length;
      return Escapes.untext(s.substring(colon + 1, at));
    }

    int count() {
      return Integer.parseInt(text());
    }

    boolean hasMore() {
      return at < s.length();
    }

    Instant instant() {
      String t = text();
      if (t == null) {
        return null;
      }
      int dot = t.indexOf('.');
      return Instant.ofEpochSecond(Long.parseLong(t, 0, dot, 10), Long.parseLong(t, dot + 1, t.length(), 10));
    }
  }
}
