package dev.trafficlab.terminal.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Columns aligned the way Go's text/tabwriter aligns them: every cell but the last of a row is
 * padded to max(widest cell + padding, minWidth). kubectl uses minWidth 6 and padding 3; istioctl
 * uses 0 and 5.
 */
public final class Table {
  private final int minWidth;
  private final int padding;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(int minWidth, int padding) {
    this.minWidth = minWidth;
    this.padding = padding;
  }

  /** kubectl's printers.GetNewTabWriter: tabwriter.NewWriter(out, 6, 4, 3, ' ', 0). */
  public static Table kubectl() {
    return new Table(6, 3);
  }

  /** istioctl's writers: tabwriter.NewWriter(out, 0, 8, 5, ' ', 0). */
  public static Table istioctl() {
    return new Table(0, 5);
  }

  public Table row(String... cells) {
    rows.add(List.of(cells));
    return this;
  }

  public Table row(List<String> cells) {
    rows.add(List.copyOf(cells));
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public String render() {
    int cols = 0;
    for (List<String> r : rows) {
      cols = Math.max(cols, r.size());
    }
    int[] width = new int[cols];
    for (List<String> r : rows) {
      for (int i = 0; i < r.size() - 1; i++) {
        width[i] = Math.max(width[i], Math.max(minWidth, r.get(i).length() + padding));
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        String c = r.get(i);
        sb.append(c);
        if (i < r.size() - 1) {
          sb.append(" ".repeat(width[i] - c.length()));
        }
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
