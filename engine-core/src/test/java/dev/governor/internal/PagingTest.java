package dev.governor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.governor.Page;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which cursors a page carries, forward and backward, at the ends and in the middle. */
class PagingTest {
  @Test
  void forward_firstPageWithMore_nextOnly() {
    Page<String> page = Paging.forward(List.of("a", "b", "c"), 2, false, s -> s);

    assertThat(page.items()).containsExactly("a", "b");
    assertThat(page.nextCursor()).isEqualTo("b");
    assertThat(page.prevCursor()).isNull();
  }

  @Test
  void forward_afterCursorLastPage_prevOnly() {
    Page<String> page = Paging.forward(List.of("c", "d"), 2, true, s -> s);

    assertThat(page.items()).containsExactly("c", "d");
    assertThat(page.nextCursor()).isNull();
    assertThat(page.prevCursor()).isEqualTo("c");
  }

  @Test
  void forward_afterCursorEmpty_noCursors() {
    Page<String> page = Paging.forward(List.of(), 2, true, s -> s);

    assertThat(page.items()).isEmpty();
    assertThat(page.hasNext()).isFalse();
    assertThat(page.hasPrevious()).isFalse();
  }

  @Test
  void backward_moreBefore_listOrderWithBothCursors() {
    Page<String> page = Paging.backward(List.of("d", "c", "b"), 2, s -> s);

    assertThat(page.items()).containsExactly("c", "d");
    assertThat(page.prevCursor()).isEqualTo("c");
    assertThat(page.nextCursor()).isEqualTo("d");
  }

  @Test
  void backward_reachesStart_noPrev() {
    Page<String> page = Paging.backward(List.of("b", "a"), 2, s -> s);

    assertThat(page.items()).containsExactly("a", "b");
    assertThat(page.prevCursor()).isNull();
    assertThat(page.nextCursor()).isEqualTo("b");
  }
}
