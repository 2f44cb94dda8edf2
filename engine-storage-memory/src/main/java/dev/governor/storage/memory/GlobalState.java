package dev.governor.storage.memory;

import dev.governor.catalog.Capability;
import dev.governor.catalog.EntityType;
import dev.governor.spi.GlobalCatalogTransaction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The engine-wide catalog: types, capabilities and the attribution-key index, guarded by
 * {@link #lock}. Also serves as the view and the (undo-logged) transaction handed to the engine while
 * the caller holds the matching lock.
 */
final class GlobalState implements GlobalCatalogTransaction {
  final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final TreeMap<String, EntityType> types = new TreeMap<>();
  private final TreeMap<String, Capability> capabilities = new TreeMap<>();
  private final Map<String, String> keyOwners = new HashMap<>();
  private volatile long version;
  private final Deque<Runnable> undo = new ArrayDeque<>();

  void begin() {
    undo.clear();
  }

  void commit() {
    if (!undo.isEmpty()) {
      version++;
    }
    undo.clear();
  }

  void rollback() {
    while (!undo.isEmpty()) {
      undo.pop().run();
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
  public Capability capability(String id) {
    return capabilities.get(id);
  }

  @Override
  public List<Capability> capabilities(String afterId, int limit) {
    return page(capabilities, afterId, limit);
  }

  private static <T> List<T> page(TreeMap<String, T> map, String afterId, int limit) {
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

  @Override
  public void putEntityType(EntityType type) {
    EntityType previous = types.put(type.id(), type);
    undo.push(() -> {
      if (previous == null) {
        types.remove(type.id());
      } else {
        types.put(previous.id(), previous);
      }
    });
    if (previous != null) {
      for (String key : previous.attributionKeys()) {
        keyOwners.remove(key);
        undo.push(() -> keyOwners.put(key, previous.id()));
      }
    }
    for (String key : type.attributionKeys()) {
      String before = keyOwners.put(key, type.id());
      undo.push(() -> {
        if (before == null) {
          keyOwners.remove(key);
        } else {
          keyOwners.put(key, before);
        }
      });
    }
  }

  @Override
  public void putCapability(Capability capability) {
    Capability previous = capabilities.put(capability.id(), capability);
    undo.push(() -> {
      if (previous == null) {
        capabilities.remove(capability.id());
      } else {
        capabilities.put(previous.id(), previous);
      }
    });
  }
}
