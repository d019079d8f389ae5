package dev.trafficlab.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The server as a process, started by its main with this module's runtime classpath: what it prints
 * when it starts, and that every library logs through the one backend (no SLF4J warning about a
 * missing provider).
 */
class ServerProcessTest {
  private static final Pattern READY = Pattern.compile("Traffic Lab listening on (http://\\S+) ");

  @org.junit.jupiter.api.io.TempDir Path data;

  @Test
  void startsWithOneLineOfSettingsNoSlf4jWarningAndAnAccessLogWhenAskedFor() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
    builder.environment().put("PORT", "0");
    builder.environment().put("HOST", "127.0.0.1");
    builder.environment().put("ACCESS_LOG", "true");
    builder.environment().put("DATA_DIR", data.toString());
    Process process = builder.start();
    List<String> out = new CopyOnWriteArrayList<>();
    List<String> err = new CopyOnWriteArrayList<>();
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread stdout = drain(process.getInputStream(), out, ready);
    Thread stderr = drain(process.getErrorStream(), err, null);
    try {
      String line = ready.get(90, TimeUnit.SECONDS);
      Matcher m = READY.matcher(line);
      assertThat(m.find()).as(line).isTrue();
      assertThat(line)
          .contains("with SANDBOX_IDLE_MINUTES=120 MAX_SANDBOXES=2000")
          .contains("DATA_DIR=" + data)
          .contains("LESSONS_DIR=(packaged lessons) ACCESS_LOG=true");
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(m.group(1) + "/health?from=process-test"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (err.stream().noneMatch(l -> l.contains("/health?from=process-test"))
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
    } finally {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      stdout.join(5000);
      stderr.join(5000);
    }
    assertThat(out).filteredOn(l -> l.startsWith("Traffic Lab listening")).hasSize(1);
    assertThat(err).as(String.join("\n", err)).noneMatch(l -> l.contains("SLF4J"));
    assertThat(err)
        .as(String.join("\n", err))
        .anyMatch(l -> l.contains("GET /health?from=process-test") && l.contains("200"));
  }

  private static Thread drain(
      java.io.InputStream in, List<String> lines, CompletableFuture<String> ready) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                  if (ready != null && line.startsWith("Traffic Lab listening")) {
                    ready.complete(line);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
              if (ready != null) {
                ready.completeExceptionally(
                    new IllegalStateException("the server exited before it was ready: " + lines));
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }
}
