package dev.trafficlab.terminal.commands;

import dev.trafficlab.terminal.Invocation;
import io.vertx.core.Future;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * watch [-n SECONDS] [-t] COMMAND...: in a terminal session, clears the screen and shows the
 * command's output under procps watch's title line every interval until Ctrl+C; through the exec
 * API (no screen) it shows one screen and a note.
 */
final class Watch {
  private Watch() {}

  /** procps watch refuses shorter intervals and rounds them up to this. */
  static final double MIN_INTERVAL_SECONDS = 0.1;

  /** The width the title line is laid out for (the terminal's columns are not known here). */
  static final int COLUMNS = 80;

  private static final DateTimeFormatter CTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);

  static Future<Integer> run(Invocation inv) {
    List<String> args = inv.args();
    double interval = 2.0;
    boolean title = true;
    int i = 0;
    while (i < args.size() && args.get(i).startsWith("-") && args.get(i).length() > 1) {
      String a = args.get(i);
      String value = null;
      if (a.equals("-n") || a.equals("--interval")) {
        if (i + 1 >= args.size()) {
          return usage(inv, "option requires an argument -- 'n'");
        }
        value = args.get(++i);
      } else if (a.startsWith("--interval=")) {
        value = a.substring("--interval=".length());
      } else if (a.startsWith("-n")) {
        value = a.substring(2);
      } else if (a.equals("-t") || a.equals("--no-title")) {
        title = false;
      } else if (a.matches("-[dcxwbe]+") || a.startsWith("--differences") || a.equals("--color")) {
        // highlighting and exec form change nothing in the lab's output
      } else if (a.equals("--")) {
        i++;
        break;
      } else {
        return usage(inv, "invalid option -- '" + a.replaceFirst("^-+", "") + "'");
      }
      if (value != null) {
        try {
          interval = Double.parseDouble(value.replace(',', '.'));
        } catch (NumberFormatException e) {
          inv.eprintln("watch: failed to parse argument: '" + value + "'");
          return Invocation.exit(1);
        }
        if (Double.isNaN(interval) || interval > 1e6) {
          inv.eprintln("watch: failed to parse argument: '" + value + "'");
          return Invocation.exit(1);
        }
        interval = Math.max(MIN_INTERVAL_SECONDS, interval);
      }
      i++;
    }
    if (i >= args.size()) {
      return usage(inv, null);
    }
    String command = String.join(" ", args.subList(i, args.size()));
    double seconds = interval;
    boolean withTitle = title;
    if (!inv.live()) {
      return inv.capture(command)
          .map(
              c -> {
                inv.print(screen(inv, seconds, command, withTitle, c.output()));
                inv.noteNoScreen();
                return 0;
              });
    }
    long periodMs = Math.round(seconds * 1000);
    return inv.repeat(
        periodMs,
        () ->
            inv.capture(command)
                .map(
                    c -> {
                      inv.print(
                          "\033[H\033[2J" + screen(inv, seconds, command, withTitle, c.output()));
                      return true;
                    }));
  }

  /** The title line, a blank line and the output, as watch lays out its screen. */
  static String screen(
      Invocation inv, double seconds, String command, boolean title, String output) {
    if (!title) {
      return output;
    }
    String left = String.format(Locale.ROOT, "Every %.1fs: %s", seconds, command);
    String right = "traffic-lab: " + CTIME.format(inv.clock().instant().atZone(ZoneOffset.UTC));
    int room = COLUMNS - right.length() - 1;
    if (left.length() > room) {
      left = left.substring(0, Math.max(0, room - 3)) + "...";
    }
    return left
        + " ".repeat(Math.max(1, COLUMNS - left.length() - right.length()))
        + right
        + "\n\n"
        + output;
  }

  private static Future<Integer> usage(Invocation inv, String problem) {
    if (problem != null) {
      inv.eprintln("watch: " + problem);
    }
    inv.eprintln("Usage:");
    inv.eprintln(" watch [options] command");
    return Invocation.exit(1);
  }
}
