package dev.governor.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * One item of an entity-type upsert. Build it fluently:
 * {@code EntityTypeUpsert.of("org").displayName("Organization").attributionKeys("orgId")}.
 * A field not set is kept on update; {@code displayName} is required on create and
 * {@code attributionKeys} defaults to none. Immutable; every method returns a new instance.
 *
 * @param id the type id
 * @param displayName the label, or keep
 * @param attributionKeys the complete set of attribution keys (replacing the stored ones), or keep
 */
public record EntityTypeUpsert(String id, Patch<String> displayName, Patch<List<String>> attributionKeys) {
  public EntityTypeUpsert {
    displayName = Patch.orKeep(displayName);
    attributionKeys = Patch.orKeep(attributionKeys);
  }

  /** An upsert of type {@code id} that changes nothing yet. */
  public static EntityTypeUpsert of(String id) {
    return new EntityTypeUpsert(id, Patch.keep(), Patch.keep());
  }

  /** Sets the display name. */
  public EntityTypeUpsert displayName(String name) {
    return new EntityTypeUpsert(id, Patch.set(name), attributionKeys);
  }

  /** Replaces the attribution keys with these (order and duplicates do not matter). */
  public EntityTypeUpsert attributionKeys(String... keys) {
    return attributionKeys(keys == null ? null : Arrays.asList(keys));
  }

  /** Replaces the attribution keys with these (order and duplicates do not matter). */
  public EntityTypeUpsert attributionKeys(Collection<String> keys) {
    List<String> copy = keys == null ? null : Collections.unmodifiableList(new ArrayList<>(keys));
    return new EntityTypeUpsert(id, displayName, Patch.set(copy));
  }
}
