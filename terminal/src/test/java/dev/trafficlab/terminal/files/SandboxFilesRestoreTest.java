package dev.trafficlab.terminal.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a sandbox changed over its lesson's files, as a value another sandbox over the same files
 * takes back: written and edited files with their times, deleted lesson files, new directories.
 */
class SandboxFilesRestoreTest {
  private static final String VS = "/root/istio-1.8.1/samples/bookinfo/networking/vs.yaml";
  private static final String CLEANUP = "/root/istio-1.8.1/samples/bookinfo/platform/cleanup.sh";
  private static final AssetTree LESSON =
      AssetTree.of(Map.of(VS, "kind: VirtualService\n", CLEANUP, "#!/bin/bash\n"));

  private static SandboxFiles over(Instant now) {
    return SandboxFiles.over(LESSON, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void anotherSandboxShowsTheSameFilesTimesAndDirectories() throws Exception {
    SandboxFiles first = over(Instant.parse("2026-12-07T10:00:00Z"));
    first.write("/root/my.yaml", "mine\n");
    first.append(VS, "# edited\n");
    first.delete(CLEANUP);
    first.mkdir("/tmp/a/b", true);

    SandboxFiles second = over(Instant.parse("2026-12-09T08:00:00Z"));
    second.restore(first.changes());

    assertThat(second.changes()).isEqualTo(first.changes());
    assertThat(second.allFiles()).isEqualTo(first.allFiles());
    assertThat(second.read(VS)).isEqualTo("kind: VirtualService\n# edited\n");
    assertThat(second.stat("/root/my.yaml").modified())
        .isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
    // the lesson's own files show when they were put in the first sandbox, not the second
    assertThat(second.stat("/root/istio-1.8.1/samples/bookinfo/networking").modified())
        .isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
    assertThat(second.isFile(CLEANUP)).isFalse();
    assertThat(second.list("/tmp/a")).isEqualTo(first.list("/tmp/a"));
    assertThat(second.memory().used()).isEqualTo(first.memory().used()).isPositive();
  }

  @Test
  void theLessonsOwnFilesAreNotInTheChanges() throws Exception {
    SandboxFiles f = over(Instant.parse("2026-12-07T10:00:00Z"));
    assertThat(f.changes()).isEqualTo(FileChanges.none(Instant.parse("2026-12-07T10:00:00Z")));
    f.write("/root/my.yaml", "mine\n");
    assertThat(f.changes().written()).containsOnlyKeys("/root/my.yaml");
  }

  @Test
  void aRestoreCountsAsAChange() {
    SandboxFiles f = over(Instant.parse("2026-12-07T10:00:00Z"));
    long before = f.revision();
    f.restore(FileChanges.none(Instant.parse("2026-12-01T00:00:00Z")));
    assertThat(f.revision()).isGreaterThan(before);
  }
}
