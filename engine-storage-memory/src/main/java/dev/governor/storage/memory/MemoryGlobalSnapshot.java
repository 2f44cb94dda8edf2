package dev.governor.storage.memory;

import dev.governor.catalog.Capability;
import dev.governor.catalog.EntityType;
import dev.governor.spi.GlobalChanges;
import dev.governor.spi.GlobalSnapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The engine-wide catalog at one version: types, capabilities and the attribution-key index. The
 * catalog is small (tens to thousands of rows), so a commit copies it whole. Immutable and
 * thread-safe.
 */
final class MemoryGlobalSnapshot implements GlobalSnapshot {
  static final MemoryGlobalSnapshot EMPTY = new MemoryGlobalSnapshot(0L, new TreeMap<>(), new TreeMap<>(), new HashMap<>());

  final long version;
  private final NavigableMap<String, EntityType> types;
  private final NavigableMap<String, Capability> capabilities;
  private final Map<String, String> keyOwners;

  private MemoryGlobalSnapshot(long version, TreeMap<String, EntityType> types, TreeMap<String, Capability> capabilities,
      Map<String, String> keyOwners) {
    this.version = version;
    this.types = Collections.unmodifiableNavigableMap(types);
    this.capabilities = Collections.unmodifiableNavigableMap(capabilities);
    this.keyOwners = Collections.unmodifiableMap(keyOwners);
  }

  /** The next snapshot: this one with {@code changes} applied, at version + 1. */
  MemoryGlobalSnapshot apply(GlobalChanges changes) {
    TreeMap<String, EntityType> t = new TreeMap<>(types);
    TreeMap<String, Capability> c = new TreeMap<>(capabilities);
    Map<String, String> k = new HashMap<>(keyOwners);
    // Release every changed type's old keys first, so the outcome does not depend on the order.
    for (EntityType type : changes.entityTypes()) {
      EntityType previous = t.put(type.id(), type);
      if (previous != null) {
        previous.attributionKeys().forEach(key -> k.remove(key, previous.id()));
      }
    }
    for (EntityType type : changes.entityTypes()) {
      for (String key : type.attributionKeys()) {
        String owner = k.putIfAbsent(key, type.id());
        if (owner != null && !owner.equals(type.id())) {
          throw new IllegalStateException("attribution key " + key + " already belongs to entity type " + owner);
        }
      }
    }
    for (Capability capability : changes.capabilities()) {
      c.put(capability.id(), capability);
    }
    return new MemoryGlobalSnapshot(version + 1, t, c, k);
  }

  @Override
  public long version() {
    return version;
  }

  @Override
  public EntityType entityType(String id) {
    return types.get(id);
  }

  @Override
  public String attributionKeyOwner(String key) {
    return keyOwners.get(key);
  }

  @Override
  public List<EntityType> entityTypes(String afterId, int limit) {
    return page(types, afterId, limit);
  }

  @Override
  public List<EntityType> entityTypesBefore(String beforeId, int limit) {
    return pageBefore(types, beforeId, limit);
  }

  @Override
  public Capability capability(String id) {
    return capabilities.get(id);
  }

  @Override
  public List<Capability> capabilities(String afterId, int limit) {
    return page(capabilities, afterId, limit);
  }

  @Override
  public List<Capability> capabilitiesBefore(String beforeId, int limit) {
    return pageBefore(capabilities, beforeId, limit);
  }

  private static <T> List<T> pageBefore(NavigableMap<String, T> map, String beforeId, int limit) {
    return page((beforeId == null ? map : map.headMap(beforeId, false)).descendingMap(), null, limit);
  }

  private static <T> List<T> page(NavigableMap<String, T> map, String afterId, int limit) {
    NavigableMap<String, T> tail = afterId == null ? map : map.tailMap(afterId, false);
    List<T> out = new ArrayList<>(Math.min(limit, 128));
    for (T t : tail.values()) {
      if (out.size() >= limit) {
        break;
      }
      out.add(t);
    }
    return out;
  }
}
