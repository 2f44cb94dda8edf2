package dev.governor.storage.redis;

import dev.governor.catalog.Capability;
import dev.governor.catalog.EntityType;
import dev.governor.spi.GlobalSnapshot;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The engine-wide catalog at one version, decoded from one atomic read of Redis. Immutable and
 * thread-safe.
 */
final class RedisGlobalSnapshot implements GlobalSnapshot {
  private final long version;
  private final NavigableMap<String, EntityType> types = new TreeMap<>();
  private final NavigableMap<String, Capability> capabilities = new TreeMap<>();
  private final Map<String, String> keyOwners = new HashMap<>();

  RedisGlobalSnapshot(long version, Collection<?> storedTypes, Collection<?> storedCapabilities) {
    this.version = version;
    for (Object s : storedTypes) {
      EntityType t = Records.entityType((String) s);
      types.put(t.id(), t);
      t.attributionKeys().forEach(key -> keyOwners.put(key, t.id()));
    }
    for (Object s : storedCapabilities) {
      Capability c = Records.capability((String) s);
      capabilities.put(c.id(), c);
    }
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
    Collection<T> tail = (afterId == null ? map : map.tailMap(afterId, false)).values();
    List<T> out = new ArrayList<>(Math.min(limit, 128));
    for (T t : tail) {
      if (out.size() >= limit) {
        break;
      }
      out.add(t);
    }
    return out;
  }
}
