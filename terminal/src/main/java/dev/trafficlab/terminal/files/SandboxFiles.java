package dev.trafficlab.terminal.files;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A sandbox's private file system rooted at /, holding /root with the lesson assets (istio-1.8.1/...) and an
 * empty /tmp. Copy-on-write over a shared immutable {@link AssetTree}: a new sandbox holds three empty
 * collections until a file changes. Only /root and /tmp are writable; nothing outside this tree exists, and
 * ".." stops at /. Thread-safe (the terminal and the editor endpoints may touch it from different event loops).
 *
 * <p>Paths given to every method are absolute sandbox paths or are resolved against /root
 * ({@link #resolve(String, String)} does it against any working directory).
 */
public final class SandboxFiles {
  /** The learner's home: where the lesson files are mounted and where the shell starts. */
  public static final String HOME = "/root";
  /** The Istio release directory of the lesson files ($ISTIO_HOME in the shell and in lessons). */
  public static final String ISTIO_HOME = HOME + "/istio-1.8.1";

  /** The biggest file a sandbox may write. */
  public static final int MAX_FILE_BYTES = 512 * 1024;
  /** The most a sandbox's changed files may hold in total. */
  public static final long MAX_TOTAL_BYTES = 4L * 1024 * 1024;
  /** The most files and directories a sandbox may create or change. */
  public static final int MAX_CHANGED_ENTRIES = 1000;

  /** When the lesson assets were "installed": the mtime every untouched file shows. */
  private static final Instant INSTALLED = Instant.now();

  private record Written(String content, Instant modified) {
  }

  private final AssetTree base;
  private final Clock clock;
  private final Map<String, Written> written = new HashMap<>();
  private final Set<String> deleted = new HashSet<>();
  private final Set<String> createdDirs = new HashSet<>();
  private long writtenBytes;

  private SandboxFiles(AssetTree base, Clock clock) {
    this.base = base;
    this.clock = clock;
  }

  /** A fresh file system over a lesson's shared files. */
  public static SandboxFiles over(AssetTree base, Clock clock) {
    return new SandboxFiles(base, clock);
  }

  /** Back to the lesson start: every change dropped. */
  public synchronized void reset() {
    written.clear();
    deleted.clear();
    createdDirs.clear();
    writtenBytes = 0;
  }

  /** {@code path} (absolute, or relative to {@code cwd}) as a normalised absolute sandbox path. */
  public static String resolve(String cwd, String path) {
    return VirtualPaths.normalize(cwd, path);
  }

  public synchronized boolean isFile(String path) {
    String p = norm(path);
    return written.containsKey(p) || (base.files().containsKey(p) && !deleted.contains(p));
  }

  public synchronized boolean isDirectory(String path) {
    String p = norm(path);
    if (base.directories().contains(p) || createdDirs.contains(p)) {
      return !isFileUnlocked(p);
    }
    for (String w : written.keySet()) {
      if (VirtualPaths.within(w, p) && !w.equals(p)) {
        return true;
      }
    }
    return false;
  }

  public synchronized boolean exists(String path) {
    return isFile(path) || isDirectory(path);
  }

  /** The file's text. */
  public synchronized String read(String path) throws FilesException {
    String p = norm(path);
    Written w = written.get(p);
    if (w != null) {
      return w.content();
    }
    if (!deleted.contains(p)) {
      String c = base.files().get(p);
      if (c != null) {
        return c;
      }
    }
    throw new FilesException(isDirectory(p) ? FilesException.IS_A_DIRECTORY : FilesException.NO_SUCH_FILE);
  }

  /** Creates or replaces a file (its directory must exist; only under /root or /tmp). */
  public synchronized void write(String path, String content) throws FilesException {
    String p = norm(path);
    checkWritable(p);
    if (isDirectory(p)) {
      throw new FilesException(FilesException.IS_A_DIRECTORY);
    }
    String parent = VirtualPaths.parent(p);
    if (!isDirectory(parent)) {
      throw new FilesException(isFileUnlocked(parent) ? FilesException.NOT_A_DIRECTORY : FilesException.NO_SUCH_FILE);
    }
    long bytes = content.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_FILE_BYTES) {
      throw new FilesException(FilesException.TOO_LARGE);
    }
    Written old = written.get(p);
    long oldBytes = old == null ? 0 : old.content().getBytes(StandardCharsets.UTF_8).length;
    if (writtenBytes - oldBytes + bytes > MAX_TOTAL_BYTES
        || (old == null && written.size() + createdDirs.size() >= MAX_CHANGED_ENTRIES)) {
      throw new FilesException(FilesException.NO_SPACE);
    }
    written.put(p, new Written(content, clock.instant()));
    writtenBytes += bytes - oldBytes;
  }

  /** Appends to a file, creating it when missing. */
  public synchronized void append(String path, String content) throws FilesException {
    String p = norm(path);
    String old = isFileUnlocked(p) ? read(p) : "";
    write(p, old + content);
  }

  /** Creates a directory (and, with {@code parents}, its missing parents). */
  public synchronized void mkdir(String path, boolean parents) throws FilesException {
    String p = norm(path);
    if (isDirectory(p)) {
      if (parents) {
        return;
      }
      throw new FilesException("File exists");
    }
    if (isFileUnlocked(p)) {
      throw new FilesException("File exists");
    }
    checkWritable(p);
    String parent = VirtualPaths.parent(p);
    if (!isDirectory(parent)) {
      if (!parents) {
        throw new FilesException(FilesException.NO_SUCH_FILE);
      }
      mkdir(parent, true);
    }
    if (written.size() + createdDirs.size() >= MAX_CHANGED_ENTRIES) {
      throw new FilesException(FilesException.NO_SPACE);
    }
    createdDirs.add(p);
  }

  /** Removes a file (directories are refused). */
  public synchronized void delete(String path) throws FilesException {
    String p = norm(path);
    if (isDirectory(p)) {
      throw new FilesException(FilesException.IS_A_DIRECTORY);
    }
    if (!isFileUnlocked(p)) {
      throw new FilesException(FilesException.NO_SUCH_FILE);
    }
    checkWritable(p);
    Written old = written.remove(p);
    if (old != null) {
      writtenBytes -= old.content().getBytes(StandardCharsets.UTF_8).length;
    }
    if (base.files().containsKey(p)) {
      deleted.add(p);
    }
  }

  /** One entry (file or directory). */
  public synchronized FileEntry stat(String path) throws FilesException {
    String p = norm(path);
    if (isFileUnlocked(p)) {
      Written w = written.get(p);
      String content = w != null ? w.content() : base.files().get(p);
      return new FileEntry(p, VirtualPaths.name(p), false, content.getBytes(StandardCharsets.UTF_8).length,
          w != null ? w.modified() : INSTALLED, w != null);
    }
    if (isDirectory(p)) {
      return new FileEntry(p, VirtualPaths.name(p), true, 4096, INSTALLED, createdDirs.contains(p));
    }
    throw new FilesException(FilesException.NO_SUCH_FILE);
  }

  /** The entries directly inside a directory, sorted by name. */
  public synchronized List<FileEntry> list(String dir) throws FilesException {
    String d = norm(dir);
    if (!isDirectory(d)) {
      throw new FilesException(isFileUnlocked(d) ? FilesException.NOT_A_DIRECTORY : FilesException.NO_SUCH_FILE);
    }
    TreeMap<String, FileEntry> out = new TreeMap<>();
    String prefix = d.equals("/") ? "/" : d + "/";
    List<String> candidates = new ArrayList<>();
    candidates.addAll(base.files().subMap(prefix, prefix + Character.MAX_VALUE).keySet());
    candidates.addAll(base.directories());
    candidates.addAll(written.keySet());
    candidates.addAll(createdDirs);
    for (String c : candidates) {
      if (!c.startsWith(prefix) || c.equals(d)) {
        continue;
      }
      String rest = c.substring(prefix.length());
      int slash = rest.indexOf('/');
      String child = prefix + (slash < 0 ? rest : rest.substring(0, slash));
      if (!out.containsKey(VirtualPaths.name(child)) && exists(child)) {
        out.put(VirtualPaths.name(child), stat(child));
      }
    }
    return List.copyOf(out.values());
  }

  /** Every file of the sandbox (for the editor's file tree), sorted by path. */
  public synchronized List<FileEntry> allFiles() {
    TreeMap<String, FileEntry> out = new TreeMap<>();
    for (String p : base.files().keySet()) {
      if (!deleted.contains(p) && !written.containsKey(p)) {
        out.put(p, new FileEntry(p, VirtualPaths.name(p), false,
            base.files().get(p).getBytes(StandardCharsets.UTF_8).length, INSTALLED, false));
      }
    }
    written.forEach((p, w) -> out.put(p, new FileEntry(p, VirtualPaths.name(p), false,
        w.content().getBytes(StandardCharsets.UTF_8).length, w.modified(), true)));
    return List.copyOf(out.values());
  }

  /** True when the path may be written by the learner: inside /root or /tmp. */
  public static boolean writable(String path) {
    String p = norm(path);
    return (VirtualPaths.within(p, HOME) || VirtualPaths.within(p, "/tmp"))
        && !p.equals(HOME) && !p.equals("/tmp");
  }

  private static void checkWritable(String p) throws FilesException {
    if (!writable(p)) {
      throw new FilesException(FilesException.PERMISSION_DENIED);
    }
  }

  private boolean isFileUnlocked(String p) {
    return written.containsKey(p) || (base.files().containsKey(p) && !deleted.contains(p));
  }

  private static String norm(String path) {
    return VirtualPaths.normalize(HOME, path);
  }
}
