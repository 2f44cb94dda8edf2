package dev.governor.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.governor.demo.TextTable.Align;
import org.junit.jupiter.api.Test;

class TextTableTest {
  @Test
  void render_mixedWidths_padsEveryColumnToItsWidestCell() {
    String text = new TextTable().column("NAME", Align.LEFT).column("N", Align.RIGHT).column("NOTE", Align.LEFT)
        .row("a", "1,000", "x")
        .row("longer-name", "7", "")
        .render("  ");

    assertThat(text).isEqualTo("""
          NAME             N  NOTE
          a            1,000  x
          longer-name      7
        """);
  }

  @Test
  void render_noRows_printsTheHeaderOnly() {
    assertThat(new TextTable().column("A", Align.LEFT).column("B", Align.RIGHT).render(""))
        .isEqualTo("A  B\n");
  }

  @Test
  void row_wrongNumberOfCells_isRejected() {
    TextTable table = new TextTable().column("A", Align.LEFT);

    assertThatThrownBy(() -> table.row("1", "2")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 1 cells, got 2");
  }
}
