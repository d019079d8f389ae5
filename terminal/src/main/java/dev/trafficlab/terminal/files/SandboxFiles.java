package dev.trafficlab.terminal.files;

import dev.trafficlab.terminal.memory.SandboxMemory;
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
 * A sandbox's private file system rooted at /, holding /root with the lesson assets
 * (istio-1.8.1/...) and an empty /tmp. Copy-on-write over a shared immutable {@link AssetTree}: a
 * new sandbox holds three empty collections until a file changes. Only /root and /tmp are writable;
 * nothing outside this tree exists, and ".." stops at /.
 *
 * <p>Threading: every change runs on the sandbox's serial queue (one writer at a time); each change
 * builds a new immutable {@link Tree} and swaps one reference, so readers on any thread (the
 * editor's GET requests) see one whole state without a lock. What changed files hold is charged to
 * the sandbox's {@link SandboxMemory}.
 *
 * <p>Paths given to every method are absolute sandbox paths or are resolved against /root ({@link
 * #resolve(String, String)} does it against any working directory).
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

  private record Written(String content, Instant modified, long bytes) {}

  /** One whole state of the changes over the base tree; never modified once published. */
  private record Tree(
      Map<String, Written> written,
      Set<String> deleted,
      Set<String> createdDirs,
      long writtenBytes) {
    static final Tree EMPTY = new Tree(Map.of(), Set.of(), Set.of(), 0);

    boolean isFile(AssetTree base, String p) {
      return written.containsKey(p) || (base.files().containsKey(p) && !deleted.contains(p));
    }

    boolean isDirectory(AssetTree base, String p) {
      if (base.directories().contains(p) || createdDirs.contains(p)) {
        return !isFile(base, p);
      }
      for (String w : written.keySet()) {
        if (VirtualPaths.within(w, p) && !w.equals(p)) {
          return true;
        }
      }
      return false;
    }

    Tree withWritten(String p, Written w) {
      Map<String, Written> ws = new HashMap<>(written);
      Written old = ws.put(p, w);
      return new Tree(
          Map.copyOf(ws),
          deleted,
          createdDirs,
          writtenBytes - (old == null ? 0 : old.bytes()) + w.bytes());
    }

    Tree withDeleted(String p, boolean fromBase) {
      Map<String, Written> ws = new HashMap<>(written);
      Written old = ws.remove(p);
      Set<String> ds = deleted;
      if (fromBase) {
        ds = new HashSet<>(deleted);
        ds.add(p);
        ds = Set.copyOf(ds);
      }
      return new Tree(
          Map.copyOf(ws), ds, createdDirs, writtenBytes - (old == null ? 0 : old.bytes()));
    }

    Tree withDirectory(String p) {
      Set<String> dirs = new HashSet<>(createdDirs);
      dirs.add(p);
      return new Tree(written, deleted, Set.copyOf(dirs), writtenBytes);
    }
  }

  private final AssetTree base;
  private final Clock clock;
  private final SandboxMemory memory;
  private volatile Tree tree = Tree.EMPTY;

  /** Counts published trees: a saved sandbox tells by it that its files changed. */
  private volatile long revision;

  private SandboxFiles(AssetTree base, Clock clock, SandboxMemory memory) {
    this.base = base;
    this.clock = clock;
    this.memory = memory;
  }

  /** A fresh file system over a lesson's shared files. */
  public static SandboxFiles over(AssetTree base, Clock clock) {
    return new SandboxFiles(base, clock, new SandboxMemory());
  }

  /** A fresh file system over the given base tree, charging this sandbox's memory. */
  public static SandboxFiles over(AssetTree base, Clock clock, SandboxMemory memory) {
    return new SandboxFiles(base, clock, memory);
  }

  /** The memory budget of the sandbox these files belong to (its shell charges the same budget). */
  public SandboxMemory memory() {
    return memory;
  }

  /** Back to the lesson start: every change dropped. */
  public void reset() {
    Tree old = tree;
    tree = Tree.EMPTY;
    revision++;
    memory.release(old.writtenBytes());
  }

  /** Changes with every write, delete, new directory and reset; never repeats. */
  public long revision() {
    return revision;
  }

  /** What this sandbox changed over the lesson's files, as one value. */
  public FileChanges changes() {
    Tree t = tree;
    Map<String, FileChanges.WrittenFile> written = new HashMap<>();
    t.written()
        .forEach((p, w) -> written.put(p, new FileChanges.WrittenFile(w.content(), w.modified())));
    return new FileChanges(written, t.deleted(), t.createdDirs());
  }

  /**
   * Takes back changes captured with {@link #changes()} over the same lesson files, charging what
   * the written files hold. Limits are not applied again: changes this server accepted once stay.
   */
  public void restore(FileChanges changes) {
    Map<String, Written> written = new HashMap<>();
    long total = 0;
    for (Map.Entry<String, FileChanges.WrittenFile> e : changes.written().entrySet()) {
      String content = e.getValue().content();
      long bytes = content.getBytes(StandardCharsets.UTF_8).length;
      written.put(e.getKey(), new Written(content, e.getValue().modified(), bytes));
      total += bytes;
    }
    Tree old = tree;
    memory.charge(total - old.writtenBytes());
    tree = new Tree(Map.copyOf(written), changes.deleted(), changes.createdDirs(), total);
    revision++;
  }

  /** {@code path} (absolute, or relative to {@code cwd}) as a normalised absolute sandbox path. */
  public static String resolve(String cwd, String path) {
    return VirtualPaths.normalize(cwd, path);
  }

  public boolean isFile(String path) {
    return tree.isFile(base, norm(path));
  }

  public boolean isDirectory(String path) {
    return tree.isDirectory(base, norm(path));
  }

  public boolean exists(String path) {
    Tree t = tree;
    String p = norm(path);
    return t.isFile(base, p) || t.isDirectory(base, p);
  }

  /** The file's text. */
  public String read(String path) throws FilesException {
    return read(tree, norm(path));
  }

  private String read(Tree t, String p) throws FilesException {
    Written w = t.written().get(p);
    if (w != null) {
      return w.content();
    }
    if (!t.deleted().contains(p)) {
      String c = base.files().get(p);
      if (c != null) {
        return c;
      }
    }
    throw new FilesException(
        t.isDirectory(base, p) ? FilesException.IS_A_DIRECTORY : FilesException.NO_SUCH_FILE);
  }

  /** Creates or replaces a file (its directory must exist; only under /root or /tmp). */
  public void write(String path, String content) throws FilesException {
    String p = norm(path);
    Tree t = tree;
    checkWritable(p);
    if (t.isDirectory(base, p)) {
      throw new FilesException(FilesException.IS_A_DIRECTORY);
    }
    String parent = VirtualPaths.parent(p);
    if (!t.isDirectory(base, parent)) {
      throw new FilesException(
          t.isFile(base, parent) ? FilesException.NOT_A_DIRECTORY : FilesException.NO_SUCH_FILE);
    }
    if (content.length() > MAX_FILE_BYTES) {
      throw new FilesException(FilesException.TOO_LARGE);
    }
    long bytes = content.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_FILE_BYTES) {
      throw new FilesException(FilesException.TOO_LARGE);
    }
    Written old = t.written().get(p);
    long oldBytes = old == null ? 0 : old.bytes();
    if (t.writtenBytes() - oldBytes + bytes > MAX_TOTAL_BYTES
        || (old == null && t.written().size() + t.createdDirs().size() >= MAX_CHANGED_ENTRIES)) {
      throw new FilesException(FilesException.NO_SPACE);
    }
    memory.charge(bytes - oldBytes);
    tree = t.withWritten(p, new Written(content, clock.instant(), bytes));
    revision++;
  }

  /** Appends to a file, creating it when missing. */
  public void append(String path, String content) throws FilesException {
    String p = norm(path);
    Tree t = tree;
    String old = t.isFile(base, p) ? read(t, p) : "";
    // checked before the two texts are joined: the joined text is never built when it could not be
    // kept
    if ((long) old.length() + content.length() > MAX_FILE_BYTES) {
      throw new FilesException(FilesException.TOO_LARGE);
    }
    write(p, old + content);
  }

  /** Creates a directory (and, with {@code parents}, its missing parents). */
  public void mkdir(String path, boolean parents) throws FilesException {
    String p = norm(path);
    Tree t = tree;
    if (t.isDirectory(base, p)) {
      if (parents) {
        return;
      }
      throw new FilesException("File exists");
    }
    if (t.isFile(base, p)) {
      throw new FilesException("File exists");
    }
    checkWritable(p);
    String parent = VirtualPaths.parent(p);
    if (!t.isDirectory(base, parent)) {
      if (!parents) {
        throw new FilesException(FilesException.NO_SUCH_FILE);
      }
      mkdir(parent, true);
      t = tree;
    }
    if (t.written().size() + t.createdDirs().size() >= MAX_CHANGED_ENTRIES) {
      throw new FilesException(FilesException.NO_SPACE);
    }
    tree = t.withDirectory(p);
    revision++;
  }

  /** Removes a file (directories are refused). */
  public void delete(String path) throws FilesException {
    String p = norm(path);
    Tree t = tree;
    if (t.isDirectory(base, p)) {
      throw new FilesException(FilesException.IS_A_DIRECTORY);
    }
    if (!t.isFile(base, p)) {
      throw new FilesException(FilesException.NO_SUCH_FILE);
    }
    checkWritable(p);
    Written old = t.written().get(p);
    tree = t.withDeleted(p, base.files().containsKey(p));
    revision++;
    if (old != null) {
      memory.release(old.bytes());
    }
  }

  /** One entry (file or directory). */
  public FileEntry stat(String path) throws FilesException {
    return stat(tree, norm(path));
  }

  private FileEntry stat(Tree t, String p) throws FilesException {
    if (t.isFile(base, p)) {
      Written w = t.written().get(p);
      return w != null
          ? new FileEntry(p, VirtualPaths.name(p), false, w.bytes(), w.modified(), true)
          : new FileEntry(
              p,
              VirtualPaths.name(p),
              false,
              base.files().get(p).getBytes(StandardCharsets.UTF_8).length,
              INSTALLED,
              false);
    }
    if (t.isDirectory(base, p)) {
      return new FileEntry(
          p, VirtualPaths.name(p), true, 4096, INSTALLED, t.createdDirs().contains(p));
    }
    throw new FilesException(FilesException.NO_SUCH_FILE);
  }

  /** The entries directly inside a directory, sorted by name. */
  public List<FileEntry> list(String dir) throws FilesException {
    String d = norm(dir);
    Tree t = tree;
    if (!t.isDirectory(base, d)) {
      throw new FilesException(
          t.isFile(base, d) ? FilesException.NOT_A_DIRECTORY : FilesException.NO_SUCH_FILE);
    }
    TreeMap<String, FileEntry> out = new TreeMap<>();
    String prefix = d.equals("/") ? "/" : d + "/";
    List<String> candidates = new ArrayList<>();
    candidates.addAll(base.files().subMap(prefix, prefix + Character.MAX_VALUE).keySet());
    candidates.addAll(base.directories());
    candidates.addAll(t.written().keySet());
    candidates.addAll(t.createdDirs());
    for (String c : candidates) {
      if (!c.startsWith(prefix) || c.equals(d)) {
        continue;
      }
      String rest = c.substring(prefix.length());
      int slash = rest.indexOf('/');
      String child = prefix + (slash < 0 ? rest : rest.substring(0, slash));
      if (!out.containsKey(VirtualPaths.name(child))
          && (t.isFile(base, child) || t.isDirectory(base, child))) {
        out.put(VirtualPaths.name(child), stat(t, child));
      }
    }
    return List.copyOf(out.values());
  }

  /** Every file of the sandbox (for the editor's file tree), sorted by path. */
  public List<FileEntry> allFiles() {
    Tree t = tree;
    TreeMap<String, FileEntry> out = new TreeMap<>();
    for (String p : base.files().keySet()) {
      if (!t.deleted().contains(p) && !t.written().containsKey(p)) {
        out.put(
            p,
            new FileEntry(
                p,
                VirtualPaths.name(p),
                false,
                base.files().get(p).getBytes(StandardCharsets.UTF_8).length,
                INSTALLED,
                false));
      }
    }
    t.written()
        .forEach(
            (p, w) ->
                out.put(
                    p,
                    new FileEntry(p, VirtualPaths.name(p), false, w.bytes(), w.modified(), true)));
    return List.copyOf(out.values());
  }

  /** True when the path may be written by the learner: inside /root or /tmp. */
  public static boolean writable(String path) {
    String p = norm(path);
    return (VirtualPaths.within(p, HOME) || VirtualPaths.within(p, "/tmp"))
        && !p.equals(HOME)
        && !p.equals("/tmp");
  }

  private static void checkWritable(String p) throws FilesException {
    if (!writable(p)) {
      throw new FilesException(FilesException.PERMISSION_DENIED);
    }
  }

  private static String norm(String path) {
    return VirtualPaths.normalize(HOME, path);
  }
}
