package dev.trafficlab.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The server's two import test scenarios (one Katacoda, one Killercoda, with their expected
 * check-lessons reports), copied into a folder of the run's own so the lab reads them through
 * LESSONS_DIR as an author's folder would be read.
 */
final class ImportedScenarios {
  static final String KATACODA = "kc-httpbin-route";
  static final String KILLERCODA = "kk-sleep-delay";
  private static final List<String> FORMATS = List.of("katacoda", "killercoda");

  private ImportedScenarios() {}

  /** Where the server keeps them: its test resources. */
  static Path source() {
    return Path.of(
            System.getProperty(
                "trafficlab.importScenarios",
                "../server/src/test/resources/dev/trafficlab/server/lessons/imports"))
        .toAbsolutePath()
        .normalize();
  }

  /** The report check-lessons must print for one format's folder. */
  static String expectedReport(String format) {
    try {
      return Files.readString(source().resolve(format + "-report.txt"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("the expected report of " + format + " is missing", e);
    }
  }

  /**
   * Copies both formats' folders below {@code dir} (emptied first) and returns the LESSONS_DIR
   * value naming them.
   */
  static String copyInto(Path dir) {
    try {
      delete(dir);
      StringBuilder lessonsDir = new StringBuilder();
      for (String format : FORMATS) {
        Path from = source().resolve(format);
        Path to = dir.resolve(format);
        try (Stream<Path> files = Files.walk(from)) {
          for (Path f : (Iterable<Path>) files::iterator) {
            Path target = to.resolve(from.relativize(f).toString());
            if (Files.isDirectory(f)) {
              Files.createDirectories(target);
            } else {
              Files.copy(f, target);
            }
          }
        }
        lessonsDir.append(lessonsDir.isEmpty() ? "" : ":").append(to.toAbsolutePath());
      }
      return lessonsDir.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot copy the import test scenarios from " + source() + " into " + dir, e);
    }
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
