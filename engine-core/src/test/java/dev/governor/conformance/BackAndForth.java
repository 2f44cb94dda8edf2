package dev.governor.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Checks a list's cursors in both directions against its forward walk: every page's previous cursor
 * leads back to exactly the page before it, every backward page's next cursor forward to the page
 * after it, and walking backward from the last page visits every item once, in list order once
 * reversed back. Stateless.
 */
public final class BackAndForth {
  /** How to read a page: {@code after} or {@code before} is a cursor (at most one), both null: the first. */
  public interface Lister<T> extends BiFunction<String, String, Page<T>> {}

  private BackAndForth() {}

  /** Asserts the cursor rules above; returns the items of the forward walk. */
  public static <T> List<T> check(Lister<T> list, int limit, String what) {
    List<Page<T>> forward = new ArrayList<>();
    Page<T> page = list.apply(null, null);
    forward.add(page);
    assertThat(page.prevCursor()).as("%s: the first page has no previous cursor", what).isNull();
    while (page.hasNext()) {
      page = list.apply(page.nextCursor(), null);
      forward.add(page);
      assertThat(forward.size()).as("%s: pages walked", what).isLessThanOrEqualTo(10_000);
    }
    List<T> all = new ArrayList<>();
    forward.forEach(p -> all.addAll(p.items()));

    for (int k = 1; k < forward.size(); k++) {
      Page<T> here = forward.get(k);
      assertThat(here.prevCursor()).as("%s: page %d, reached by a cursor, has a previous cursor", what, k).isNotNull();
      Page<T> back = list.apply(null, here.prevCursor());
      assertThat(back.items()).as("%s: the page before page %d", what, k).isEqualTo(forward.get(k - 1).items());
      assertThat(back.hasPrevious()).as("%s: the page before page %d has a previous one", what, k).isEqualTo(k - 1 > 0);
      assertThat(list.apply(back.nextCursor(), null).items()).as("%s: forward again from before page %d", what, k)
          .isEqualTo(here.items());
    }

    List<List<T>> backward = new ArrayList<>();
    page = forward.get(forward.size() - 1);
    backward.add(page.items());
    while (page.hasPrevious()) {
      page = list.apply(null, page.prevCursor());
      assertThat(page.items()).as("%s: a backward page that is not the first is full", what)
          .hasSize(page.hasPrevious() ? limit : page.items().size());
      backward.add(page.items());
      assertThat(backward.size()).as("%s: pages walked back", what).isLessThanOrEqualTo(10_000);
    }
    Collections.reverse(backward);
    List<T> walkedBack = new ArrayList<>();
    backward.forEach(walkedBack::addAll);
    assertThat(walkedBack).as("%s: walked back from the last page", what).isEqualTo(all);
    return all;
  }
}
