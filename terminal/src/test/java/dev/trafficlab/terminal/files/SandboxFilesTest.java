package dev.trafficlab.terminal.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trafficlab.mesh.testing.BookinfoSamples;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxFilesTest {
  static final AssetTree BASE =
      AssetTree.of(
          Map.of(
              "/root/istio-1.8.1/samples/bookinfo/networking/virtual-service-all-v1.yaml",
                  "kind: VirtualService\n",
              "/root/istio-1.8.1/samples/bookinfo/platform/kube/cleanup.sh", "#!/bin/bash\n"));

  SandboxFiles fresh() {
    return SandboxFiles.over(
        BASE, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void readsTheSharedAssetsUnderRoot() throws Exception {
    SandboxFiles f = fresh();
    assertThat(f.read("/root/istio-1.8.1/samples/bookinfo/networking/virtual-service-all-v1.yaml"))
        .isEqualTo("kind: VirtualService\n");
    assertThat(f.isDirectory("/root/istio-1.8.1/samples")).isTrue();
    assertThat(f.isDirectory("/tmp")).isTrue();
    assertThat(f.list("/root/istio-1.8.1/samples/bookinfo"))
        .extracting(FileEntry::name)
        .containsExactly("networking", "platform");
  }

  @Test
  void writesAreCopyOnWritePerSandbox() throws Exception {
    SandboxFiles a = fresh();
    SandboxFiles b = fresh();
    String p = "/root/istio-1.8.1/samples/bookinfo/networking/virtual-service-all-v1.yaml";
    a.write(p, "edited\n");
    assertThat(a.read(p)).isEqualTo("edited\n");
    assertThat(b.read(p)).isEqualTo("kind: VirtualService\n");
    assertThat(a.allFiles())
        .filteredOn(FileEntry::changed)
        .extracting(FileEntry::path)
        .containsExactly(p);
    a.reset();
    assertThat(a.read(p)).isEqualTo("kind: VirtualService\n");
  }

  @Test
  void nothingOutsideTheSandboxIsReachable() {
    SandboxFiles f = fresh();
    assertThatThrownBy(() -> f.read("/etc/passwd")).hasMessage("No such file or directory");
    assertThatThrownBy(() -> f.read("/root/../../../etc/passwd"))
        .hasMessage("No such file or directory");
    assertThat(SandboxFiles.resolve("/root", "../../..")).isEqualTo("/");
    assertThatThrownBy(() -> f.write("/etc/x", "y")).hasMessage("Permission denied");
    assertThatThrownBy(() -> f.write("/root/nodir/x", "y")).hasMessage("No such file or directory");
    assertThatThrownBy(() -> f.read("/root/istio-1.8.1")).hasMessage("Is a directory");
  }

  @Test
  void limitsAreEnforced() {
    SandboxFiles f = fresh();
    assertThatThrownBy(() -> f.write("/tmp/big", "x".repeat(SandboxFiles.MAX_FILE_BYTES + 1)))
        .hasMessage("File too large");
  }

  @Test
  void createsAndDeletesFiles() throws Exception {
    SandboxFiles f = fresh();
    f.mkdir("/tmp/a/b", true);
    f.write("/tmp/a/b/c.yaml", "c");
    assertThat(f.list("/tmp/a/b")).extracting(FileEntry::name).containsExactly("c.yaml");
    f.delete("/root/istio-1.8.1/samples/bookinfo/platform/kube/cleanup.sh");
    assertThat(f.exists("/root/istio-1.8.1/samples/bookinfo/platform/kube/cleanup.sh")).isFalse();
  }

  @Test
  void aTreeReadFromTheLessonFoldersMountsThemAtRoot() throws Exception {
    SandboxFiles f =
        SandboxFiles.over(AssetTree.read(List.of(BookinfoSamples.assets())), Clock.systemUTC());
    assertThat(f.read("/root/istio-1.8.1/samples/bookinfo/platform/kube/cleanup.sh"))
        .contains("lab restore-lesson-start");
    assertThat(f.list("/root/istio-1.8.1/samples/bookinfo/networking")).hasSize(21);
  }
}
