package dev.trafficlab.terminal.commands;

import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.files.FilesException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;

/** tail -f in a terminal session: shows what is appended to sandbox files until Ctrl+C. */
final class Follow {
  private Follow() {}

  /** How often the files are looked at again (GNU tail polls each second too without inotify). */
  static final long POLL_MS = 1000;

  static Future<Integer> files(Invocation inv, List<String> names, List<String> seen) {
    List<String> last = new ArrayList<>(seen);
    int[] shown = {names.size() - 1};
    return inv.repeat(
        POLL_MS,
        () -> {
          StringBuilder out = new StringBuilder();
          for (int i = 0; i < names.size(); i++) {
            String now;
            try {
              now = inv.files().read(inv.resolve(names.get(i)));
            } catch (FilesException e) {
              continue; // tail -F waits for a removed file to come back; so does the lab's
            }
            String before = last.get(i);
            if (now.equals(before)) {
              continue;
            }
            if (names.size() > 1 && shown[0] != i) {
              out.append("\n==> ").append(names.get(i)).append(" <==\n");
              shown[0] = i;
            }
            if (now.startsWith(before)) {
              out.append(now, before.length(), now.length());
            } else {
              inv.eprintln("tail: " + names.get(i) + ": file truncated");
              out.append(now);
            }
            last.set(i, now);
          }
          inv.print(out.toString());
          return Future.succeededFuture(true);
        });
  }
}
