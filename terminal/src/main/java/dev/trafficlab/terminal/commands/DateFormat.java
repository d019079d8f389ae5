package dev.trafficlab.terminal.commands;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * date's {@code +FORMAT}: the conversions scripts use for timestamps (%s, %N and %3N, %Y-%m-%d,
 * %H:%M:%S, %F, %T, %Z, %%); the lab's clock is UTC. An unknown conversion is printed as written,
 * as GNU date does.
 */
final class DateFormat {
  private DateFormat() {}

  static String format(String format, Instant now) {
    ZonedDateTime t = now.atZone(ZoneOffset.UTC);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      char k = format.charAt(++i);
      int digits = 9;
      if (Character.isDigit(k) && i + 1 < format.length() && format.charAt(i + 1) == 'N') {
        digits = Math.max(1, k - '0');
        k = format.charAt(++i);
      }
      switch (k) {
        case 's' -> out.append(now.getEpochSecond());
        case 'N' -> out.append(String.format("%09d", now.getNano()), 0, digits);
        case 'Y' -> out.append(t.getYear());
        case 'm' -> out.append(two(t.getMonthValue()));
        case 'd' -> out.append(two(t.getDayOfMonth()));
        case 'H' -> out.append(two(t.getHour()));
        case 'M' -> out.append(two(t.getMinute()));
        case 'S' -> out.append(two(t.getSecond()));
        case 'F' -> out.append(format("%Y-%m-%d", now));
        case 'T' -> out.append(format("%H:%M:%S", now));
        case 'Z' -> out.append("UTC");
        case '%' -> out.append('%');
        default -> out.append('%').append(k);
      }
    }
    return out.toString();
  }

  private static String two(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }
}
