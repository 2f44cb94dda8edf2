package dev.governor.conformance.catalog;

import dev.governor.GovernanceEngine;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.testing.model.CatalogModel;
import dev.governor.testing.model.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One catalog call the test makes twice: once against the engine ({@link #run}) and once against a
 * working copy of the model ({@link #predict}). Item lists may hold nulls on purpose. Immutable.
 */
sealed interface CatalogOperation {
  /** The owner the call is made for, or null for the engine-wide catalog. */
  String ownerId();

  List<?> run(GovernanceEngine engine);

  /**
   * The exact result the engine must return (new assignments carry placeholder ids), after applying
   * the call to {@code model}; throws {@link Rejection} when the engine must reject it.
   */
  List<?> predict(CatalogModel model, Instant now);

  /**
   * A bounded description for failure messages: long runs of one character (the 255- and
   * 256-character ids and names) are shown as {@code x{255}}, and a batch may hold 101 items.
   */
  default String describe() {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.)\\1{15,}").matcher(toString());
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(m.group(1) + "{" + m.group().length() + "}"));
    }
    m.appendTail(sb);
    String s = sb.toString();
    return s.length() <= 4000 ? s : s.substring(0, 4000) + "... (" + s.length() + " chars)";
  }

  record UpsertTypes(List<EntityTypeUpsert> items) implements CatalogOperation {
    @Override
    public String ownerId() {
      return null;
    }

    @Override
    public List<?> run(GovernanceEngine engine) {
      return engine.entityTypes().upsert(items);
    }

    @Override
    public List<?> predict(CatalogModel model, Instant now) {
      return model.upsertTypes(items, now);
    }
  }

  record UpsertCapabilities(List<CapabilityUpsert> items) implements CatalogOperation {
    @Override
    public String ownerId() {
      return null;
    }

    @Override
    public List<?> run(GovernanceEngine engine) {
      return engine.capabilities().upsert(items);
    }

    @Override
    public List<?> predict(CatalogModel model, Instant now) {
      return model.upsertCapabilities(items, now);
    }
  }

  record UpsertEntities(String ownerId, List<EntityUpsert> items) implements CatalogOperation {
    @Override
    public List<?> run(GovernanceEngine engine) {
      return engine.entities(ownerId).upsert(items);
    }

    @Override
    public List<?> predict(CatalogModel model, Instant now) {
      return model.upsertEntities(ownerId, items, now);
    }
  }

  record SetArchived(String ownerId, List<String> ids, boolean archive) implements CatalogOperation {
    @Override
    public List<?> run(GovernanceEngine engine) {
      return archive ? engine.entities(ownerId).archive(ids) : engine.entities(ownerId).unarchive(ids);
    }

    @Override
    public List<?> predict(CatalogModel model, Instant now) {
      return model.setArchived(ownerId, ids, archive, now);
    }
  }

  record UpsertAssignments(String ownerId, List<AssignmentUpsert> items) implements CatalogOperation {
    @Override
    public List<?> run(GovernanceEngine engine) {
      return engine.assignments(ownerId).upsert(items);
    }

    @Override
    public List<?> predict(CatalogModel model, Instant now) {
      return model.upsertAssignments(ownerId, items, now, null);
    }
  }

  record DeleteAssignments(String ownerId, List<UUID> ids) implements CatalogOperation {
    @Override
    public List<?> run(GovernanceEngine engine) {
      return engine.assignments(ownerId).delete(ids);
    }

    @Override
    public List<?> predict(CatalogModel model, Instant now) {
      return model.deleteAssignments(ownerId, ids);
    }
  }

  record DeleteAssignmentsByKey(String ownerId, List<AssignmentKey> keys) implements CatalogOperation {
    @Override
    public List<?> run(GovernanceEngine engine) {
      return engine.assignments(ownerId).deleteByKey(keys);
    }

    @Override
    public List<?> predict(CatalogModel model, Instant now) {
      return model.deleteAssignmentsByKey(ownerId, keys);
    }
  }
}
