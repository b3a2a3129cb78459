package dev.adkstore.cli.internal;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with left-aligned columns separated by two spaces, for people.
 *
 * <p>Not thread-safe: build it, print it, drop it.
 */
public final class Table {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  /**
   * Starts a table.
   *
   * @param headers the column headers
   */
  public Table(String... headers) {
    this.columns = headers.length;
    rows.add(headers.clone());
  }

  /**
   * Adds a row; null cells print as {@code -}, line breaks as spaces.
   *
   * @param cells one cell per column
   * @return this
   */
  public Table row(Object... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
    }
    String[] row = new String[columns];
    for (int i = 0; i < columns; i++) {
      row[i] = cells[i] == null ? "-" : Text.oneLine(cells[i].toString());
    }
    rows.add(row);
    return this;
  }

  /**
   * Prints the table, header first.
   *
   * @param out where to print
   */
  public void print(PrintWriter out) {
    print(out, 0);
  }

  /**
   * Prints the rows without the header line: for two-column "name value" listings.
   *
   * @param out where to print
   */
  public void printWithoutHeader(PrintWriter out) {
    print(out, 1);
  }

  private void print(PrintWriter out, int firstRow) {
    int[] widths = new int[columns];
    for (String[] row : rows.subList(firstRow, rows.size())) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows.subList(firstRow, rows.size())) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(row[i]);
        if (i < columns - 1 && !row[i + 1].isEmpty()) {
          line.append(" ".repeat(widths[i] - row[i].length() + 2));
        }
      }
      out.println(line);
    }
    out.flush();
  }
}
