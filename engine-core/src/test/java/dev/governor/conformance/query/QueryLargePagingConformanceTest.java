package dev.governor.conformance.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.GovernanceEngine;
import dev.governor.Page;
import dev.governor.conformance.query.LargeOwner.Budget;
import dev.governor.conformance.query.LargeOwner.Node;
import dev.governor.conformance.query.LargeOwner.RowKey;
import dev.governor.query.ScopeFilter;
import dev.governor.query.SortField;
import dev.governor.query.TreeQuery;
import dev.governor.query.TreeRow;
import dev.governor.testing.FakeClock;
import dev.governor.testing.Seeds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walking every page of an owner with 10,000 budgets yields each row exactly once in the requested
 * order when nothing changes in between. The expected order is a plain Java sort of the budgets the
 * test created, with the usage it recorded; page sizes are random. Everything derives from one
 * printed seed ({@code -Dgovernor.seed=N} replays it). The owner is built once per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class QueryLargePagingConformanceTest extends QueryConformanceBase {
  private static final String LARGE = "cus-large";

  private long seed;
  private GovernanceEngine large;
  private LargeOwner owner;

  @BeforeAll
  void buildLargeOwner() {
    seed = Seeds.seed(getClass().getSimpleName());
    FakeClock largeClock = new FakeClock(START);
    large = newEngine(largeClock);
    seedCatalog(large);
    owner = LargeOwner.build(large, largeClock, LARGE, new SplittableRandom(seed));
    assertThat(owner.budgets).hasSize(10_000);
  }

  static Stream<Arguments> budgetWalks() {
    List<Arguments> walks = new ArrayList<>();
    for (SortField field : SortField.values()) {
      for (boolean descending : new boolean[] {false, true}) {
        TreeQuery q = TreeQuery.budgets(TOKENS, CALLS).sortBy(field);
        walks.add(Arguments.of(field + (descending ? " desc" : " asc"), descending ? q.descending() : q.ascending(),
            (Predicate<Budget>) b -> true, field, descending));
      }
    }
    walks.add(Arguments.of("defaults", TreeQuery.budgets(TOKENS, CALLS), (Predicate<Budget>) b -> true,
        SortField.UTILIZATION, true));
    walks.add(Arguments.of("scoped tokens at least 0.5, utilization asc",
        TreeQuery.budgets(TOKENS).scope(ScopeFilter.SCOPED).minUtilization(0.5).ascending(),
        (Predicate<Budget>) b -> b.capabilityId().equals(TOKENS) && !b.scope().isEmpty()
            && b.utilization() != null && b.utilization() >= 0.5,
        SortField.UTILIZATION, false));
    walks.add(Arguments.of("agents named like 'EV', usage desc",
        TreeQuery.budgets(TOKENS, CALLS).entityTypes("agent").search("EV").sortBy(SortField.CURRENT_USAGE),
        (Predicate<Budget>) b -> b.entity().typeId().equals("agent") && matches(b.entity(), "ev"),
        SortField.CURRENT_USAGE, true));
    walks.add(Arguments.of("node-wide calls, limit asc",
        TreeQuery.budgets(CALLS).scope(ScopeFilter.NODE_WIDE).sortBy(SortField.USAGE_LIMIT).ascending(),
        (Predicate<Budget>) b -> b.capabilityId().equals(CALLS) && b.scope().isEmpty(),
        SortField.USAGE_LIMIT, false));
    return walks.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("budgetWalks")
  void walk_budgetRowsRandomPageSizes_eachRowOnceInTheExpectedOrder(String name, TreeQuery query,
      Predicate<Budget> filter, SortField field, boolean descending) {
    List<RowKey> expected = owner.budgets.stream().filter(filter).sorted(ExpectedOrder.budgets(field, descending))
        .map(Budget::key).toList();

    List<RowKey> actual = walk(query, name).stream().map(RowKey::of).toList();

    assertThat(expected).as("precondition: the walk spans many pages").hasSizeGreaterThan(200);
    assertSameSequence(name, actual, expected);
  }

  static Stream<Arguments> treeWalks() {
    return Stream.of(
        Arguments.of("tree id asc", TreeQuery.tree(), (Predicate<Node>) n -> true, SortField.ID, false),
        Arguments.of("tree id desc", TreeQuery.tree().descending(), (Predicate<Node>) n -> true, SortField.ID, true),
        Arguments.of("tree created asc", TreeQuery.tree().sortBy(SortField.CREATED_AT), (Predicate<Node>) n -> true,
            SortField.CREATED_AT, false),
        Arguments.of("tree created desc", TreeQuery.tree().sortBy(SortField.CREATED_AT).descending(),
            (Predicate<Node>) n -> true, SortField.CREATED_AT, true),
        Arguments.of("tree agents with '7'", TreeQuery.tree().entityTypes("agent").search("7"),
            (Predicate<Node>) n -> n.typeId().equals("agent") && matches(n, "7"), SortField.ID, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("treeWalks")
  void walk_treeRowsRandomPageSizes_eachEntityOnceInTheExpectedOrder(String name, TreeQuery query,
      Predicate<Node> filter, SortField field, boolean descending) {
    List<String> expected = owner.nodes.stream().filter(filter).sorted(ExpectedOrder.nodes(field, descending))
        .map(n -> n.id() + " " + n.createdAt()).toList();

    List<String> actual = walk(query, name).stream().map(r -> r.entityId() + " " + r.createdAt()).toList();

    assertThat(expected).as("precondition: the walk spans several pages").hasSizeGreaterThan(50);
    assertSameSequence(name, actual, expected);
  }

  private static boolean matches(Node n, String lowerSearch) {
    return n.id().toLowerCase(Locale.ROOT).contains(lowerSearch)
        || (n.displayName() != null && n.displayName().toLowerCase(Locale.ROOT).contains(lowerSearch));
  }

  /** Every page of {@code query}, each of a random size 1..100 drawn from the walk's own seed. */
  private List<TreeRow> walk(TreeQuery query, String name) {
    SplittableRandom sizes = new SplittableRandom(seed + name.hashCode());
    List<TreeRow> all = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      int limit = sizes.nextInt(1, 101);
      Page<TreeRow> page = large.query(LARGE, query.limit(limit).after(cursor));
      if (page.hasNext()) {
        assertThat(page.items()).as("%s: page %d followed by another is full", name, pages).hasSize(limit);
      }
      all.addAll(page.items());
      cursor = page.nextCursor();
      pages++;
      assertThat(pages).as("%s: pages (a cursor that never ends the walk)", name).isLessThanOrEqualTo(10_001);
    } while (cursor != null);
    return all;
  }

  /** Fails at the first position where the walk differs, showing a few rows from there. */
  private static <T> void assertSameSequence(String name, List<T> actual, List<T> expected) {
    assertThat(new HashSet<>(actual)).as("%s: rows returned more than once", name).hasSameSizeAs(actual);
    int common = Math.min(actual.size(), expected.size());
    for (int i = 0; i < common; i++) {
      if (!actual.get(i).equals(expected.get(i))) {
        assertThat(actual.subList(i, Math.min(i + 3, actual.size())))
            .as("%s: rows from position %d of %d", name, i, expected.size())
            .isEqualTo(expected.subList(i, Math.min(i + 3, expected.size())));
      }
    }
    assertThat(actual).as("%s: number of rows", name).hasSameSizeAs(expected);
  }

  /** The documented order, written independently of the engine. */
  static final class ExpectedOrder {
    private ExpectedOrder() {}

    static Comparator<Budget> budgets(SortField field, boolean descending) {
      Comparator<Budget> primary = switch (field) {
        case UTILIZATION -> nullsLast(Budget::utilization, descending);
        case CURRENT_USAGE -> directed(Comparator.comparingLong(Budget::usage), descending);
        case USAGE_LIMIT -> nullsLast(Budget::limit, descending);
        case SCOPE_SIZE -> directed(Comparator.comparingInt(b -> b.scope().size()), descending);
        case ID -> directed(Comparator.comparing(b -> b.entity().id()), descending);
        case CREATED_AT -> directed(Comparator.comparing(Budget::createdAt), descending);
      };
      return primary.thenComparing(b -> b.entity().id())
          .thenComparing(Budget::scope, ExpectedOrder::compareScopes)
          .thenComparing(Budget::capabilityId);
    }

    static Comparator<Node> nodes(SortField field, boolean descending) {
      Comparator<Node> primary = field == SortField.ID ? Comparator.comparing(Node::id)
          : Comparator.comparing(Node::createdAt);
      return directed(primary, descending).thenComparing(Node::id);
    }

    private static <T> Comparator<T> directed(Comparator<T> c, boolean descending) {
      return descending ? c.reversed() : c;
    }

    /** Nulls after every value whichever the direction. */
    private static <V extends Comparable<? super V>> Comparator<Budget> nullsLast(Function<Budget, V> key,
        boolean descending) {
      Comparator<V> values = directed(Comparator.<V>naturalOrder(), descending);
      return Comparator.comparing(key, Comparator.nullsLast(values));
    }

    /** Element by element over the sorted ids; a prefix (so node-wide) first. */
    private static int compareScopes(List<String> a, List<String> b) {
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        int c = a.get(i).compareTo(b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.size(), b.size());
    }
  }
}
