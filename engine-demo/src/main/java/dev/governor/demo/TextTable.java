package dev.governor.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: a header line and one line per row, every column padded to its widest cell
 * (left- or right-aligned), columns two spaces apart, no trailing spaces. Widths count characters,
 * which matches the terminal for the single-width characters the demo prints.
 */
final class TextTable {
  /** How a column's cells are padded. */
  enum Align {
    LEFT,
    RIGHT
  }

  static final String GAP = "  ";

  private final List<String> headers = new ArrayList<>();
  private final List<Align> aligns = new ArrayList<>();
  private final List<List<String>> rows = new ArrayList<>();

  /** Adds a column. */
  TextTable column(String header, Align align) {
    headers.add(header);
    aligns.add(align);
    return this;
  }

  /** Adds a row of one cell per column. */
  TextTable row(String... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
    }
    rows.add(List.of(cells));
    return this;
  }

  /** The table, each line starting with {@code indent} and ending with a newline. */
  String render(String indent) {
    int[] widths = new int[headers.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = headers.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, indent, headers, widths);
    rows.forEach(row -> line(out, indent, row, widths));
    return out.toString();
  }

  private void line(StringBuilder out, String indent, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder(indent);
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      String padding = " ".repeat(widths[c] - cell.length());
      line.append(c == 0 ? "" : GAP).append(aligns.get(c) == Align.RIGHT ? padding + cell : cell + padding);
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
