package dev.trafficlab.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server in a JVM of its own, started by its main with this module's runtime classpath, so a
 * test can kill it as an operator's {@code kill -9} would.
 */
final class ServerJvm {
  private static final Pattern READY = Pattern.compile("Traffic Lab listening on (http://\\S+) ");

  private final Process process;
  private final List<String> output;
  final URI base;

  private ServerJvm(Process process, List<String> output, URI base) {
    this.process = process;
    this.output = output;
    this.base = base;
  }

  /** Starts the server with these settings (PORT=0 and HOST=127.0.0.1 unless given). */
  static ServerJvm start(Map<String, String> env) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName())
            .redirectErrorStream(true);
    builder.environment().put("PORT", "0");
    builder.environment().put("HOST", "127.0.0.1");
    builder.environment().putAll(env);
    Process process = builder.start();
    List<String> out = new CopyOnWriteArrayList<>();
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread pump =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  out.add(line);
                  if (line.startsWith("Traffic Lab listening")) {
                    ready.complete(line);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
              ready.completeExceptionally(
                  new IllegalStateException("the server exited before it was ready: " + out));
            });
    pump.setDaemon(true);
    pump.start();
    try {
      Matcher m = READY.matcher(ready.get(90, TimeUnit.SECONDS));
      if (!m.find()) {
        throw new IllegalStateException("no address in " + out);
      }
      return new ServerJvm(process, out, URI.create(m.group(1)));
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** SIGKILL: no shutdown hook runs, nothing more is written. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then SIGKILL if it has not ended in 20 s. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      kill();
    }
  }

  String output() {
    return String.join("\n", output);
  }
}
