package dev.governor.conformance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.Page;
import dev.governor.PageRequest;
import dev.governor.catalog.Assignment;
import dev.governor.catalog.AssignmentFilter;
import dev.governor.catalog.AssignmentKey;
import dev.governor.catalog.AssignmentUpsert;
import dev.governor.catalog.Capability;
import dev.governor.catalog.CapabilityUpsert;
import dev.governor.catalog.Entity;
import dev.governor.catalog.EntityFilter;
import dev.governor.catalog.EntityType;
import dev.governor.catalog.EntityTypeUpsert;
import dev.governor.catalog.EntityUpsert;
import dev.governor.spi.GovernanceStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Paging through 1,000 items of every list: each exactly once, in a stable order (docs/semantics.md §8.2). */
public abstract class PaginationConformanceTest extends CatalogConformanceBase {

  /** A new, unopened store; every test gets its own. */
  @Override
  protected abstract GovernanceStore newStore();
  private static final int N = 1_000;
  /** First characters that exercise plain code-unit order: digits < upper case < lower case. */
  private static final String[] PREFIXES = {"0", "9", "A", "Z", "a", "z", "a_", "a.", "a-", "a|"};

  /**
   * The i-th of N ids, visited in a scrambled order (7 is coprime to N) so insertion order never
   * matches list order.
   */
  private static String id(int i) {
    int j = (int) ((i * 7L) % N);
    return PREFIXES[j % PREFIXES.length] + j;
  }

  private static List<String> sortedIds() {
    return IntStream.range(0, N).mapToObj(PaginationConformanceTest::id).sorted().toList();
  }

  /** Sends {@code N} items in batches of 100. */
  private static <T> void inBatches(IntFunction<T> item, Function<List<T>, ?> upsert) {
    for (int from = 0; from < N; from += 100) {
      upsert.apply(IntStream.range(from, from + 100).mapToObj(item).toList());
    }
  }

  /** Every item of a list, following cursors, checking every page's size and the last page's end. */
  private static <T> List<T> pageThrough(Function<PageRequest, Page<T>> list, int limit) {
    return pageFrom(list, PageRequest.first(limit));
  }

  /** Like {@link #pageThrough} from {@code request} on. */
  private static <T> List<T> pageFrom(Function<PageRequest, Page<T>> list, PageRequest request) {
    int limit = request.limit();
    List<T> all = new ArrayList<>();
    for (int pages = 1; pages <= N + 1; pages++) {
      Page<T> page = list.apply(request);
      all.addAll(page.items());
      if (!page.hasNext()) {
        assertThat(page.items().size()).isLessThanOrEqualTo(limit);
        assertThat(page.next()).isEmpty();
        return all;
      }
      assertThat(page.items()).as("a page that is not the last").hasSize(limit);
      request = request.withAfter(page.nextCursor());
    }
    throw new AssertionError("paging did not end after " + (N + 1) + " pages");
  }

  private void createEntities() {
    seedCatalog();
    inBatches(i -> EntityUpsert.of(id(i)).type(i % 2 == 0 ? "user" : "team"), entities()::upsert);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 20, 100})
  void list_entityTypes_eachExactlyOnceInIdOrder(int limit) {
    inBatches(i -> EntityTypeUpsert.of(id(i)).displayName("T" + i), engine.entityTypes()::upsert);

    assertThat(pageThrough(engine.entityTypes()::list, limit)).extracting(EntityType::id).containsExactlyElementsOf(sortedIds());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 20, 100})
  void list_capabilities_eachExactlyOnceInIdOrder(int limit) {
    inBatches(i -> CapabilityUpsert.meter(id(i)), engine.capabilities()::upsert);

    assertThat(pageThrough(engine.capabilities()::list, limit)).extracting(Capability::id).containsExactlyElementsOf(sortedIds());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 20, 100})
  void list_entities_eachExactlyOnceInIdOrder(int limit) {
    createEntities();

    assertThat(pageThrough(entities()::list, limit)).extracting(Entity::id).containsExactlyElementsOf(sortedIds());
  }

  @Test
  void list_entitiesPagedTwice_sameSequence() {
    createEntities();

    assertThat(pageThrough(entities()::list, 33)).isEqualTo(pageThrough(entities()::list, 33));
  }

  @Test
  void list_entitiesWithTypeFilter_eachOfThatTypeExactlyOnce() {
    createEntities();
    List<String> users = IntStream.range(0, N).filter(i -> i % 2 == 0).mapToObj(PaginationConformanceTest::id).sorted().toList();

    assertThat(pageThrough(p -> entities().list(EntityFilter.all().type("user"), p), 30)).extracting(Entity::id)
        .containsExactlyElementsOf(users);
  }

  @Test
  void list_entitiesWithArchived_archivedOnlyWhenAsked() {
    createEntities();
    for (int from = 0; from < N; from += 100) {
      entities().archive(IntStream.range(from, from + 100).filter(i -> i % 3 == 0).mapToObj(PaginationConformanceTest::id).toList());
    }
    List<String> active = IntStream.range(0, N).filter(i -> i % 3 != 0).mapToObj(PaginationConformanceTest::id).sorted().toList();

    assertThat(pageThrough(entities()::list, 45)).extracting(Entity::id).containsExactlyElementsOf(active);
    assertThat(pageThrough(p -> entities().list(EntityFilter.all().includingArchived(), p), 45)).extracting(Entity::id)
        .containsExactlyElementsOf(sortedIds());
  }

  /** 250 entities with four budgets each: two node-wide and two scoped, so scope order matters. */
  private List<AssignmentKey> createAssignments() {
    seedCatalog();
    entities().upsert(List.of(EntityUpsert.of("m1").type("model"), EntityUpsert.of("m2").type("model")));
    List<String> owners = IntStream.range(0, N / 4).mapToObj(PaginationConformanceTest::id).toList();
    for (int from = 0; from < owners.size(); from += 100) {
      entities().upsert(owners.subList(from, Math.min(from + 100, owners.size())).stream()
          .map(id -> EntityUpsert.of(id).type("team")).toList());
    }
    List<AssignmentUpsert> items = new ArrayList<>();
    for (String e : owners) {
      items.add(budget(e, TOKENS).scope("m2", "m1"));
      items.add(budget(e, CALLS));
      items.add(budget(e, TOKENS).scope("m1"));
      items.add(budget(e, TOKENS));
    }
    for (int from = 0; from < items.size(); from += 100) {
      assignments().upsert(items.subList(from, from + 100));
    }
    return items.stream().map(a -> AssignmentKey.of(a.entityId(), a.capabilityId(), a.scopeEntityIds()))
        .sorted(AssignmentKey.naturalOrder()).toList();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 20, 100})
  void list_assignments_eachExactlyOnceInKeyOrder(int limit) {
    List<AssignmentKey> expected = createAssignments();

    assertThat(expected).hasSize(N);
    assertThat(pageThrough(assignments()::list, limit)).extracting(Assignment::key).containsExactlyElementsOf(expected);
  }

  @Test
  void list_assignmentsWithCapabilityFilter_eachOfThatCapabilityExactlyOnce() {
    List<AssignmentKey> expected = createAssignments().stream().filter(k -> k.capabilityId().equals(TOKENS)).toList();

    assertThat(pageThrough(p -> assignments().list(AssignmentFilter.all().capability(TOKENS), p), 40))
        .extracting(Assignment::key).containsExactlyElementsOf(expected);
  }

  @Test
  void list_assignmentsWithEntityFilter_onlyThatEntityAcrossPages() {
    List<AssignmentKey> expected = createAssignments().stream().filter(k -> k.entityId().equals(id(3))).toList();

    assertThat(pageThrough(p -> assignments().list(AssignmentFilter.all().entity(id(3)), p), 1))
        .extracting(Assignment::key).containsExactlyElementsOf(expected);
  }

  @Test
  void list_defaultPageRequest_twentyItems() {
    createEntities();

    Page<Entity> page = entities().list(PageRequest.first());

    assertThat(page.items()).hasSize(PageRequest.DEFAULT_LIMIT).isSortedAccordingTo(Comparator.comparing(Entity::id));
    assertThat(page.hasNext()).isTrue();
  }

  @Test
  void list_exactMultipleOfLimit_lastFullPageHasNoCursor() {
    seedCatalog();
    entities().upsert(IntStream.range(0, 40).mapToObj(i -> EntityUpsert.of("e" + (100 + i)).type("user")).toList());

    Page<Entity> first = entities().list(PageRequest.first(20));
    Page<Entity> second = entities().list(PageRequest.first(20).withAfter(first.nextCursor()));

    assertThat(second.items()).hasSize(20);
    assertThat(second.hasNext()).isFalse();
    assertThat(second.nextCursor()).isNull();
  }

  @Test
  void list_emptyCatalog_emptyPageWithoutCursor() {
    assertThat(engine.entityTypes().list(PageRequest.first()).items()).isEmpty();
    assertThat(engine.capabilities().list(PageRequest.first()).items()).isEmpty();
    assertThat(entities().list(PageRequest.first())).isEqualTo(new Page<Entity>(List.of(), null));
    assertThat(assignments().list(PageRequest.first())).isEqualTo(new Page<Assignment>(List.of(), null));
  }

  @Test
  void list_limitChangedBetweenPages_continuesAfterCursor() {
    createEntities();

    Page<Entity> first = entities().list(PageRequest.first(10));
    Page<Entity> second = entities().list(PageRequest.first(25).withAfter(first.nextCursor()));

    assertThat(second.items()).extracting(Entity::id).containsExactlyElementsOf(sortedIds().subList(10, 35));
  }

  @Test
  void list_sameCursorTwice_samePage() {
    createEntities();
    String cursor = entities().list(PageRequest.first(10)).nextCursor();

    assertThat(entities().list(PageRequest.after(cursor))).isEqualTo(entities().list(PageRequest.after(cursor)));
  }

  @Test
  void list_entitiesChangedBetweenPages_noDuplicatesAndNothingSkipped() {
    createEntities();
    List<String> ids = sortedIds();
    Page<Entity> first = entities().list(PageRequest.first(100));
    // One already returned and one not yet returned leave the list; one new id lands before the
    // cursor and one after it.
    entities().archive(List.of(ids.get(5), ids.get(500)));
    entities().upsert(List.of(EntityUpsert.of("0").type("user"), EntityUpsert.of("zzz").type("user")));

    List<Entity> rest = pageFrom(entities()::list, PageRequest.first(100).withAfter(first.nextCursor()));

    List<String> expected = new ArrayList<>(ids.subList(100, N));
    expected.remove(ids.get(500));
    expected.add("zzz");
    assertThat(rest).extracting(Entity::id).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 101, Integer.MIN_VALUE, Integer.MAX_VALUE})
  void list_limitOutOfRange_validationLimit(int limit) {
    seedTree(OWNER);
    PageRequest page = PageRequest.first(limit);

    expectValidation(-1, "limit", () -> engine.entityTypes().list(page));
    expectValidation(-1, "limit", () -> engine.capabilities().list(page));
    expectValidation(-1, "limit", () -> entities().list(page));
    expectValidation(-1, "limit", () -> assignments().list(page));
  }

  @Test
  void list_nullPageRequest_validation() {
    expectValidation(-1, "page", () -> engine.entityTypes().list(null));
    expectValidation(-1, "page", () -> engine.capabilities().list(null));
    expectValidation(-1, "page", () -> entities().list(EntityFilter.all(), null));
    expectValidation(-1, "page", () -> assignments().list(AssignmentFilter.all(), null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "!!!!", "", " ", "Zm9v", "eyJhZnRlciI6Im9yZy1hY21lIn0", "g1"})
  void list_garbageCursor_validationAfter(String cursor) {
    seedTree(OWNER);
    PageRequest page = PageRequest.after(cursor);

    assertQuotes(expectValidation(-1, "after", () -> engine.entityTypes().list(page)), cursor);
    expectValidation(-1, "after", () -> engine.capabilities().list(page));
    expectValidation(-1, "after", () -> entities().list(page));
    expectValidation(-1, "after", () -> assignments().list(page));
  }

  @Test
  void list_forgedCursorsOfWrongShape_validationAfter() {
    seedTree(OWNER);
    String otherVersion = base64("g0\u0000entity-types\u0001org");
    String noPosition = base64("g1\u0000assignments\u0000" + OWNER + "\u0000\u0000\u0001" + ORG);
    String huge = "A".repeat(70_000);

    expectValidation(-1, "after", () -> engine.entityTypes().list(PageRequest.after(otherVersion)));
    expectValidation(-1, "after", () -> assignments().list(PageRequest.after(noPosition)));
    expectValidation(-1, "after", () -> entities().list(PageRequest.after(huge)));
  }

  /** The four cursor-paginated lists of the catalog. */
  private enum ListKind { ENTITY_TYPES, CAPABILITIES, ENTITIES, ASSIGNMENTS }

  private Page<?> list(ListKind kind, PageRequest page) {
    return switch (kind) {
      case ENTITY_TYPES -> engine.entityTypes().list(page);
      case CAPABILITIES -> engine.capabilities().list(page);
      case ENTITIES -> entities().list(page);
      case ASSIGNMENTS -> assignments().list(page);
    };
  }

  @Test
  void list_cursorOfAnotherList_validationAfter() {
    seedTree(OWNER);
    assignments().upsert(List.of(budget(ORG, TOKENS), budget(ORG, CALLS)));
    for (ListKind from : ListKind.values()) {
      String cursor = list(from, PageRequest.first(1)).nextCursor();
      assertThat(cursor).as("cursor of %s", from).isNotNull();
      for (ListKind to : ListKind.values()) {
        if (to != from) {
          expectValidation(-1, "after", () -> list(to, PageRequest.after(cursor)));
        }
      }
    }
  }

  @Test
  void list_cursorOfAnotherOwner_validationAfter() {
    seedTree(OWNER);
    seedTree(OTHER_OWNER);
    assignments().upsert(List.of(budget(ORG, TOKENS), budget(ORG, CALLS)));
    engine.assignments(OTHER_OWNER).upsert(List.of(budget(ORG, TOKENS), budget(ORG, CALLS)));
    String entityCursor = entities().list(PageRequest.first(1)).nextCursor();
    String assignmentCursor = assignments().list(PageRequest.first(1)).nextCursor();

    expectValidation(-1, "after", () -> engine.entities(OTHER_OWNER).list(PageRequest.after(entityCursor)));
    expectValidation(-1, "after", () -> engine.assignments(OTHER_OWNER).list(PageRequest.after(assignmentCursor)));
  }

  @Test
  void list_entityCursorOfAnotherFilter_validationAfter() {
    seedTree(OWNER);
    String all = entities().list(EntityFilter.all(), PageRequest.first(1)).nextCursor();
    String teams = entities().list(EntityFilter.all().type("team"), PageRequest.first(1)).nextCursor();
    String archivedToo = entities().list(EntityFilter.all().includingArchived(), PageRequest.first(1)).nextCursor();

    expectValidation(-1, "after", () -> entities().list(EntityFilter.all().type("team"), PageRequest.after(all)));
    expectValidation(-1, "after", () -> entities().list(EntityFilter.all().type("user"), PageRequest.after(teams)));
    expectValidation(-1, "after", () -> entities().list(EntityFilter.all(), PageRequest.after(teams)));
    expectValidation(-1, "after", () -> entities().list(EntityFilter.all().includingArchived(), PageRequest.after(all)));
    expectValidation(-1, "after", () -> entities().list(EntityFilter.all(), PageRequest.after(archivedToo)));
  }

  @Test
  void list_assignmentCursorOfAnotherFilter_validationAfter() {
    seedTree(OWNER);
    assignments().upsert(List.of(budget(ORG, TOKENS), budget(ORG, CALLS), budget(TEAM_ENG, TOKENS), budget(TEAM_ENG, CALLS)));
    String all = assignments().list(AssignmentFilter.all(), PageRequest.first(1)).nextCursor();
    String org = assignments().list(AssignmentFilter.all().entity(ORG), PageRequest.first(1)).nextCursor();
    String tokens = assignments().list(AssignmentFilter.all().capability(TOKENS), PageRequest.first(1)).nextCursor();

    expectValidation(-1, "after", () -> assignments().list(AssignmentFilter.all().entity(ORG), PageRequest.after(all)));
    expectValidation(-1, "after", () -> assignments().list(AssignmentFilter.all(), PageRequest.after(org)));
    expectValidation(-1, "after", () -> assignments().list(AssignmentFilter.all().entity(TEAM_ENG), PageRequest.after(org)));
    expectValidation(-1, "after", () -> assignments().list(AssignmentFilter.all().capability(CALLS), PageRequest.after(tokens)));
    // The same value in another filter field is another filter.
    expectValidation(-1, "after", () -> assignments().list(AssignmentFilter.all().entity(TOKENS), PageRequest.after(tokens)));
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
