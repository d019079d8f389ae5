package dev.trafficlab.terminal.kubectl;

import dev.trafficlab.terminal.format.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Indented "Key: value" lines; values of one block aligned like kubectl's tabwriter does. */
final class DescribeLines {
  private final List<String[]> rows = new ArrayList<>();

  void kv(int level, String key, String value) {
    String[] parts = value.split("\n", -1);
    rows.add(new String[] {"  ".repeat(level) + key + ":", parts[0]});
    for (int i = 1; i < parts.length; i++) {
      rows.add(new String[] {"", parts[i]});
    }
  }

  void line(int level, String text) {
    rows.add(new String[] {"  ".repeat(level) + text});
  }

  @SuppressWarnings("unchecked")
  void map(int level, Map<String, Object> m) {
    for (Map.Entry<String, Object> e : new TreeMap<>(m).entrySet()) {
      Object v = e.getValue();
      String key = KubectlDescribe.humanize(e.getKey());
      if (v instanceof Map<?, ?> sub && !sub.isEmpty()) {
        line(level, key + ":");
        map(level + 1, (Map<String, Object>) sub);
      } else if (v instanceof List<?> list && !list.isEmpty()) {
        line(level, key + ":");
        for (Object item : list) {
          if (item instanceof Map<?, ?> im) {
            map(level + 1, (Map<String, Object>) im);
          } else {
            line(level + 1, scalar(item));
          }
        }
      } else {
        kv(level, key, scalar(v));
      }
    }
  }

  private static String scalar(Object v) {
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      return "";
    }
    if (v instanceof Double d) {
      return Json.number(d);
    }
    return String.valueOf(v);
  }

  String render() {
    // kubectl writes describe through one tabwriter: consecutive "key:\tvalue" lines, at any
    // depth, align to the widest key among them; a line without a value ends the block
    StringBuilder sb = new StringBuilder();
    int i = 0;
    while (i < rows.size()) {
      if (rows.get(i).length == 1) {
        sb.append(rows.get(i)[0]).append('\n');
        i++;
        continue;
      }
      int j = i;
      int width = 0;
      while (j < rows.size() && rows.get(j).length == 2) {
        width = Math.max(width, rows.get(j)[0].length());
        j++;
      }
      for (int k = i; k < j; k++) {
        String key = rows.get(k)[0];
        String val = rows.get(k)[1];
        String line = val.isEmpty() ? key : key + " ".repeat(width - key.length() + 2) + val;
        sb.append(line).append('\n');
      }
      i = j;
    }
    return sb.toString();
  }
}
