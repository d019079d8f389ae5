package dev.trafficlab.terminal.files;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * What a sandbox changed over its lesson's files, as one value: the files it wrote (created or
 * edited) with their text and time, the lesson files it deleted and the directories it made. The
 * lesson's own files are not in it: they are shared, and the same on every server of one version.
 *
 * @param written absolute path to the file as last written
 * @param deleted lesson files the sandbox removed
 * @param createdDirs directories the sandbox made
 */
public record FileChanges(
    Map<String, WrittenFile> written, Set<String> deleted, Set<String> createdDirs) {
  public static final FileChanges NONE = new FileChanges(Map.of(), Set.of(), Set.of());

  public FileChanges {
    written = Map.copyOf(written);
    deleted = Set.copyOf(deleted);
    createdDirs = Set.copyOf(createdDirs);
  }

  /** A file's text and when it was last written (what ls -l and the editor show). */
  public record WrittenFile(String content, Instant modified) {}
}
