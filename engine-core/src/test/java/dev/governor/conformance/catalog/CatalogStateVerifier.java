package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.AssignmentCatalog;
import dev.governor.EntityCatalog;
import dev.governor.GovernanceEngine;
import dev.governor.Page;
import dev.governor.PageRequest;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentFilter;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.Capability;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityFilter;
import dev.governor.catalog.EntityType;
import dev.governor.testing.model.CatalogModel;
import dev.governor.testing.model.OwnerModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads the engine's whole catalog through the public API (paged lists with random page sizes, get
 * by id, get by key) and asserts it equals the model, timestamps and parents included. Not
 * thread-safe (one random source).
 */
final class CatalogStateVerifier {
  private final GovernanceEngine engine;
  private final SplittableRandom rnd;

  CatalogStateVerifier(GovernanceEngine engine, SplittableRandom rnd) {
    this.engine = engine;
    this.rnd = rnd;
  }

  /**
   * Asserts two lists are equal, element by element in order. {@code List.equals} decides (linear);
   * AssertJ's exact-contents check, which is quadratic, only runs to describe a mismatch.
   */
  static <T> void assertSameList(String what, List<T> actual, Collection<T> expected) {
    List<T> want = new ArrayList<>(expected);
    if (!actual.equals(want)) {
      assertThat(actual).as(what).containsExactlyElementsOf(want);
      assertThat(actual).as(what).isEqualTo(want);
    }
  }

  /** Mostly small pages so cursors are exercised; now and then the extremes. */
  int pageSize() {
    int r = rnd.nextInt(10);
    return r == 0 ? 1 : r == 1 ? PageRequest.MAX_LIMIT : 1 + rnd.nextInt(r < 6 ? 7 : 40);
  }

  /**
   * Drains a list page by page, asserting the paging contract of docs/semantics.md §8.2: a page holds at most
   * {@code limit} items, a page that announces a next one is full, and a cursor never leads to an
   * empty page. The page size changes from page to page (cursors are not tied to it).
   */
  <T> List<T> drain(String what, Function<PageRequest, Page<T>> list) {
    List<T> all = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      int limit = pageSize();
      Page<T> page = list.apply(new PageRequest(limit, after));
      int size = page.items().size();
      if (size > limit || (page.hasNext() && size != limit) || (after != null && size == 0)) {
        throw new AssertionError(what + " page " + pages + " (limit " + limit + ", after " + after + ") broke the paging"
            + " contract (at most limit items, full when a next page follows, never empty behind a cursor): "
            + size + " items, next cursor " + page.nextCursor());
      }
      all.addAll(page.items());
      after = page.nextCursor();
      pages++;
      if (pages > 100_000) {
        throw new AssertionError(what + ": the cursor never ends");
      }
    } while (after != null);
    return all;
  }

  void verify(CatalogModel model) {
    verifyGlobal(model);
    for (String ownerId : CatalogGenerator.OWNERS) {
      verifyOwner(model, model.ownerOrEmpty(ownerId));
    }
  }

  private void verifyGlobal(CatalogModel model) {
    assertSameList("entity types", drain("entity types", p -> engine.entityTypes().list(p)), model.types().values());
    TreeSet<String> typeIds = new TreeSet<>(CatalogGenerator.TYPE_IDS);
    typeIds.addAll(model.types().keySet());
    List<Optional<EntityType>> types = new ArrayList<>();
    List<Optional<EntityType>> expectedTypes = new ArrayList<>();
    for (String id : typeIds) {
      types.add(engine.entityTypes().get(id));
      expectedTypes.add(Optional.ofNullable(model.types().get(id)));
    }
    assertSameList("entity types by id " + typeIds, types, expectedTypes);

    assertSameList("capabilities", drain("capabilities", p -> engine.capabilities().list(p)), model.capabilities().values());
    List<Optional<Capability>> capabilities = new ArrayList<>();
    List<Optional<Capability>> expectedCapabilities = new ArrayList<>();
    for (String id : CatalogGenerator.CAPABILITY_IDS) {
      capabilities.add(engine.capabilities().get(id));
      expectedCapabilities.add(Optional.ofNullable(model.capabilities().get(id)));
    }
    assertSameList("capabilities by id " + CatalogGenerator.CAPABILITY_IDS, capabilities, expectedCapabilities);
  }

  private static <T> List<T> filter(Iterable<T> items, Predicate<T> keep) {
    List<T> out = new ArrayList<>();
    for (T t : items) {
      if (keep.test(t)) {
        out.add(t);
      }
    }
    return out;
  }

  private void verifyOwner(CatalogModel model, OwnerModel o) {
    String owner = o.ownerId();
    EntityCatalog entities = engine.entities(owner);
    assertSameList(owner + " entities including archived",
        drain(owner + " entities incl. archived", p -> entities.list(EntityFilter.all().includingArchived(), p)),
        o.entities().values());
    assertSameList(owner + " active entities", drain(owner + " active entities", p -> entities.list(p)),
        filter(o.entities().values(), e -> !e.isArchived()));
    String typeId = CatalogGenerator.TYPE_IDS.get(rnd.nextInt(CatalogGenerator.TYPE_IDS.size()));
    boolean archivedToo = rnd.nextBoolean();
    EntityFilter byType = archivedToo ? EntityFilter.all().type(typeId).includingArchived() : EntityFilter.all().type(typeId);
    assertSameList(owner + " entities of type " + typeId + " (archived too: " + archivedToo + ")",
        drain(owner + " entities of type " + typeId, p -> entities.list(byType, p)),
        filter(o.entities().values(), e -> e.typeId().equals(typeId) && (archivedToo || !e.isArchived())));
    List<String> probe = new ArrayList<>(o.entities().keySet());
    probe.addAll(CatalogGenerator.ENTITY_IDS);
    List<Optional<Entity>> got = new ArrayList<>();
    List<Optional<Entity>> want = new ArrayList<>();
    for (String id : probe) {
      got.add(entities.get(id));
      want.add(Optional.ofNullable(o.entities().get(id)));
    }
    assertSameList(owner + " entities by id " + probe, got, want);

    AssignmentCatalog assignments = engine.assignments(owner);
    List<Assignment> expected = o.assignments();
    assertSameList(owner + " assignments", drain(owner + " assignments", p -> assignments.list(p)), expected);
    String entityId = CatalogGenerator.ENTITY_IDS.get(rnd.nextInt(CatalogGenerator.ENTITY_IDS.size()));
    String capabilityId = CatalogGenerator.CAPABILITY_IDS.get(rnd.nextInt(CatalogGenerator.CAPABILITY_IDS.size()));
    AssignmentFilter f = switch (rnd.nextInt(3)) {
      case 0 -> AssignmentFilter.all().entity(entityId);
      case 1 -> AssignmentFilter.all().capability(capabilityId);
      default -> AssignmentFilter.all().entity(entityId).capability(capabilityId);
    };
    assertSameList(owner + " assignments filtered by " + f, drain(owner + " assignments " + f, p -> assignments.list(f, p)),
        filter(expected, a -> (f.entityId() == null || f.entityId().equals(a.entityId()))
            && (f.capabilityId() == null || f.capabilityId().equals(a.capabilityId()))));
    List<Optional<Assignment>> byId = new ArrayList<>();
    List<Optional<Assignment>> byKey = new ArrayList<>();
    List<Optional<Assignment>> present = new ArrayList<>();
    for (Assignment a : expected) {
      byId.add(assignments.get(a.id()));
      byKey.add(assignments.get(a.key()));
      present.add(Optional.of(a));
    }
    assertSameList(owner + " assignments by id", byId, present);
    assertSameList(owner + " assignments by key", byKey, present);
    assertThat(assignments.get(new UUID(rnd.nextLong(), rnd.nextLong()))).as("%s unknown assignment id", owner).isEmpty();
    AssignmentKey absent = AssignmentKey.of(entityId, capabilityId, "ghost-scope");
    assertThat(assignments.get(absent)).as("%s assignment with an unknown scope", owner).isEmpty();
    // Another owner's assignment ids must not be visible here.
    for (OwnerModel other : model.owners().values()) {
      if (other != o && !other.rows().isEmpty()) {
        UUID foreign = other.rowList().get(0).id();
        assertThat(assignments.get(foreign)).as("%s reading %s's assignment %s", owner, other.ownerId(), foreign).isEmpty();
      }
    }
  }
}
