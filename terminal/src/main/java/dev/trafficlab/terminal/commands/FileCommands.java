package dev.trafficlab.terminal.commands;

import dev.trafficlab.terminal.Command;
import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.files.FileEntry;
import dev.trafficlab.terminal.files.FilesException;
import dev.trafficlab.terminal.files.SandboxFiles;
import io.vertx.core.Future;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** cat, ls, mkdir, rm, touch over the sandbox's files. */
final class FileCommands {
  private FileCommands() {}

  private static final DateTimeFormatter LS_TIME =
      DateTimeFormatter.ofPattern("MMM ppd HH:mm", Locale.ROOT);

  static void register(Map<String, Command> m) {
    m.put("cat", FileCommands::cat);
    m.put("ls", FileCommands::ls);
    m.put("mkdir", FileCommands::mkdir);
    m.put("rm", FileCommands::rm);
    m.put("touch", FileCommands::touch);
    m.put("less", FileCommands::pager);
    m.put("more", FileCommands::pager);
  }

  /**
   * less and more: the terminal keeps the scrollback, so they print everything at once, as they do
   * when their output is not a terminal.
   */
  static Future<Integer> pager(Invocation inv) {
    List<String> files =
        inv.args().stream().filter(a -> !a.startsWith("-") && !a.startsWith("+")).toList();
    if (files.isEmpty()) {
      if (inv.stdin() == null) {
        inv.eprintln("Missing filename (\"" + inv.name() + " --help\" for help)");
        return Invocation.exit(1);
      }
      inv.print(inv.stdin());
      return Invocation.exit(0);
    }
    int code = 0;
    for (String f : files) {
      try {
        if (files.size() > 1) {
          inv.println("::::::::::::::");
          inv.println(f);
          inv.println("::::::::::::::");
        }
        inv.print(inv.files().read(inv.resolve(f)));
      } catch (FilesException e) {
        inv.eprintln(f + ": " + e.getMessage());
        code = 1;
      }
    }
    return Invocation.exit(code);
  }

  static Future<Integer> cat(Invocation inv) {
    List<String> files =
        inv.args().stream().filter(a -> !a.startsWith("-") || a.equals("-")).toList();
    if (files.isEmpty()) {
      inv.print(inv.stdin() == null ? "" : inv.stdin());
      return Invocation.exit(0);
    }
    int code = 0;
    for (String f : files) {
      if (f.equals("-")) {
        inv.print(inv.stdin() == null ? "" : inv.stdin());
        continue;
      }
      try {
        inv.print(inv.files().read(inv.resolve(f)));
      } catch (FilesException e) {
        inv.eprintln("cat: " + f + ": " + e.getMessage());
        code = 1;
      }
    }
    return Invocation.exit(code);
  }

  static Future<Integer> ls(Invocation inv) {
    boolean longFormat = false;
    boolean all = false;
    boolean onePerLine = false;
    List<String> paths = new ArrayList<>();
    for (String a : inv.args()) {
      if (a.startsWith("-") && a.length() > 1) {
        for (char c : a.substring(1).toCharArray()) {
          switch (c) {
            case 'l' -> longFormat = true;
            case 'a', 'A' -> all = true;
            case '1' -> onePerLine = true;
            case 'h', 'F', 'R', 't', 'r', 'd' -> {}
            default -> {
              inv.eprintln("ls: invalid option -- '" + c + "'");
              return Invocation.exit(2);
            }
          }
        }
      } else {
        paths.add(a);
      }
    }
    if (paths.isEmpty()) {
      paths.add(".");
    }
    SandboxFiles fs = inv.files();
    int code = 0;
    List<String> fileArgs = new ArrayList<>();
    List<String> dirArgs = new ArrayList<>();
    for (String p : paths) {
      String abs = inv.resolve(p);
      if (fs.isDirectory(abs)) {
        dirArgs.add(p);
      } else if (fs.isFile(abs)) {
        fileArgs.add(p);
      } else {
        inv.eprintln("ls: cannot access '" + p + "': No such file or directory");
        code = 2;
      }
    }
    StringBuilder out = new StringBuilder();
    if (!fileArgs.isEmpty()) {
      List<FileEntry> entries = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (String f : fileArgs) {
        try {
          entries.add(fs.stat(inv.resolve(f)));
          names.add(f);
        } catch (FilesException e) {
          code = 2;
        }
      }
      print(out, entries, names, longFormat, onePerLine || longFormat);
    }
    boolean headers = dirArgs.size() + fileArgs.size() > 1;
    for (String d : dirArgs) {
      if (out.length() > 0) {
        out.append('\n');
      }
      if (headers) {
        out.append(d).append(":\n");
      }
      try {
        List<FileEntry> entries = new ArrayList<>(fs.list(inv.resolve(d)));
        if (all) {
          entries.add(
              0,
              new FileEntry(
                  ".",
                  ".",
                  true,
                  4096,
                  entries.isEmpty() ? java.time.Instant.now() : entries.get(0).modified(),
                  false));
          entries.add(1, new FileEntry("..", "..", true, 4096, entries.get(0).modified(), false));
        }
        if (longFormat) {
          out.append("total ")
              .append(entries.stream().mapToLong(e -> (e.size() + 4095) / 4096 * 4).sum())
              .append('\n');
        }
        print(out, entries, entries.stream().map(FileEntry::name).toList(), longFormat, true);
      } catch (FilesException e) {
        inv.eprintln("ls: cannot open directory '" + d + "': " + e.getMessage());
        code = 2;
      }
    }
    inv.print(out.toString());
    return Invocation.exit(code);
  }

  private static void print(
      StringBuilder out,
      List<FileEntry> entries,
      List<String> names,
      boolean longFormat,
      boolean onePerLine) {
    if (!longFormat) {
      for (String n : names) {
        out.append(n).append('\n');
      }
      return;
    }
    int sizeWidth = 1;
    for (FileEntry e : entries) {
      sizeWidth = Math.max(sizeWidth, String.valueOf(e.size()).length());
    }
    for (int i = 0; i < entries.size(); i++) {
      FileEntry e = entries.get(i);
      String mode =
          e.directory() ? "drwxr-xr-x" : e.name().endsWith(".sh") ? "-rwxr-xr-x" : "-rw-r--r--";
      out.append(mode)
          .append(' ')
          .append(e.directory() ? 2 : 1)
          .append(" root root ")
          .append(String.format("%" + sizeWidth + "d", e.size()))
          .append(' ')
          .append(LS_TIME.format(ZonedDateTime.ofInstant(e.modified(), ZoneOffset.UTC)))
          .append(' ')
          .append(names.get(i))
          .append('\n');
    }
  }

  static Future<Integer> mkdir(Invocation inv) {
    boolean parents = inv.args().contains("-p");
    int code = 0;
    for (String a : inv.args()) {
      if (a.startsWith("-")) {
        continue;
      }
      try {
        inv.files().mkdir(inv.resolve(a), parents);
      } catch (FilesException e) {
        inv.eprintln("mkdir: cannot create directory '" + a + "': " + e.getMessage());
        code = 1;
      }
    }
    return Invocation.exit(code);
  }

  static Future<Integer> rm(Invocation inv) {
    boolean force = inv.args().stream().anyMatch(a -> a.startsWith("-") && a.contains("f"));
    int code = 0;
    for (String a : inv.args()) {
      if (a.startsWith("-")) {
        continue;
      }
      try {
        inv.files().delete(inv.resolve(a));
      } catch (FilesException e) {
        if (force && e.getMessage().equals(FilesException.NO_SUCH_FILE)) {
          continue;
        }
        inv.eprintln("rm: cannot remove '" + a + "': " + e.getMessage());
        code = 1;
      }
    }
    return Invocation.exit(code);
  }

  static Future<Integer> touch(Invocation inv) {
    int code = 0;
    for (String a : inv.args()) {
      if (a.startsWith("-")) {
        continue;
      }
      String abs = inv.resolve(a);
      try {
        inv.files().write(abs, inv.files().isFile(abs) ? inv.files().read(abs) : "");
      } catch (FilesException e) {
        inv.eprintln("touch: cannot touch '" + a + "': " + e.getMessage());
        code = 1;
      }
    }
    return Invocation.exit(code);
  }
}
