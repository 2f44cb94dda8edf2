package dev.governor.conformance.catalog;

import dev.governor.catalog.Capability;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityType;
import dev.governor.spi.CatalogStore;
import dev.governor.spi.GlobalSnapshot;
import dev.governor.spi.OwnerSnapshot;
import dev.governor.spi.StoredAssignment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a store holds for the catalog, read through the SPI rather than the engine's list
 * methods, so that "nothing changed" is checked independently of the code under test. Versions are
 * included: a rejected or repeated call that rewrote identical data would still bump them.
 */
record CatalogSnapshot(Global global, Map<String, Owner> owners) {
  record Global(long version, List<EntityType> types, List<Capability> capabilities, Map<String, String> keyOwners) {}

  record Owner(long version, List<Entity> entities, Map<String, Integer> childCounts, List<StoredAssignment> assignments) {}

  static CatalogSnapshot of(CatalogStore store, List<String> ownerIds) {
    GlobalSnapshot g = store.global();
    List<EntityType> types = g.entityTypes(null, Integer.MAX_VALUE);
    Map<String, String> keyOwners = new TreeMap<>();
    for (EntityType t : types) {
      for (String key : t.attributionKeys()) {
        keyOwners.put(key, g.attributionKeyOwner(key));
      }
    }
    Global global = new Global(g.version(), types, g.capabilities(null, Integer.MAX_VALUE), keyOwners);
    Map<String, Owner> owners = new LinkedHashMap<>();
    for (String ownerId : ownerIds) {
      OwnerSnapshot v = store.owner(ownerId, null);
      List<Entity> entities = new ArrayList<>();
      v.forEachEntity(entities::add);
      Map<String, Integer> childCounts = new TreeMap<>();
      for (Entity e : entities) {
        childCounts.put(e.id(), v.childCount(e.id()));
      }
      List<StoredAssignment> assignments = new ArrayList<>();
      v.forEachAssignment(assignments::add);
      owners.put(ownerId, new Owner(v.version(), entities, childCounts, assignments));
    }
    return new CatalogSnapshot(global, owners);
  }
}
