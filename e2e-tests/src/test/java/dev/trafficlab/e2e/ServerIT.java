package dev.trafficlab.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trafficlab.e2e.LabApi.CreatedSandbox;
import dev.trafficlab.e2e.LabApi.Resource;
import dev.trafficlab.e2e.LabApi.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The jar as it runs for a user: its transport, its event loops, and many clients at once on all of
 * them.
 */
@ExtendWith(LabExtension.class)
class ServerIT {

  @Test
  void runsOnTheEpollTransportWithOneEventLoopPerCoreOnLinux(Lab lab) {
    String line = lab.server().readyLine();
    boolean linuxX64 =
        System.getProperty("os.name").equals("Linux")
            && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
    // The jar carries Netty's epoll library for linux-x86_64; anywhere else NIO is the expected
    // fallback.
    assertThat(line)
        .contains(linuxX64 ? "(epoll transport, " : "(nio transport, ")
        .contains(", " + Runtime.getRuntime().availableProcessors() + " event loops)");
  }

  @Test
  void theJarLogsThroughOneBackendWithoutAnySlf4jWarning(Lab lab) {
    assertThat(lab.server().output()).contains("Traffic Lab listening on").doesNotContain("SLF4J");
  }

  @Test
  void pagesAndAppliesFromManyConnectionsAtOnceAllSucceedAndEveryApplyIsKept(Lab lab)
      throws Exception {
    CreatedSandbox sandbox = lab.api().createSandbox();
    lab.api().applySample(sandbox.id(), "virtual-service-reviews-50-v3.yaml");
    int applies = 24;
    int pages = 200;
    List<Callable<String>> work = new ArrayList<>();
    for (int i = 0; i < applies; i++) {
      String name = "concurrent-" + i;
      work.add(
          () ->
              lab.api()
                  .exec(
                      sandbox.id(),
                      "kubectl create -f - <<EOF\n"
                          + "apiVersion: networking.istio.io/v1alpha3\nkind: VirtualService\nmetadata:\n  name: "
                          + name
                          + "\n"
                          + "spec:\n  hosts:\n  - "
                          + name
                          + "\n  http:\n  - route:\n    - destination:\n        host: "
                          + name
                          + "\nEOF")
                  .requireSuccess()
                  .output());
    }
    for (int i = 0; i < pages; i++) {
      work.add(
          () -> {
            Response page = lab.api().get(sandbox.productPage());
            return page.status()
                + " "
                + page.body().replaceAll("(?s).*data-reviews-version=\"(v[0-9]?)\".*", "$1");
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<String> results = new ArrayList<>();
    try {
      for (Future<String> f : pool.invokeAll(work)) {
        results.add(f.get());
      }
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    for (int i = 0; i < applies; i++) {
      assertThat(results.get(i))
          .isEqualTo("virtualservice.networking.istio.io/concurrent-" + i + " created\n");
    }
    assertThat(results.subList(applies, results.size()))
        .as("every page under the 50/50 rule")
        .allMatch(r -> r.equals("200 v1") || r.equals("200 v3"));
    List<String> names =
        lab.api().resources(sandbox.id()).stream()
            .filter(r -> r.kind().equals("VirtualService"))
            .map(Resource::name)
            .toList();
    for (int i = 0; i < applies; i++) {
      assertThat(names).contains("concurrent-" + i);
    }
    lab.api().delete(sandbox.id());
  }
}
