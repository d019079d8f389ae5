package dev.trafficlab.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real Traffic Lab jar, started as a black box on a free loopback port: exactly what a user
 * runs. One per suite (see {@link LabExtension}); killed when the suite ends or, failing that, when
 * the JVM exits.
 */
final class LabServer implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile("Traffic Lab listening on (http://[^\\s/]+)");

  /** Generous: a cold JVM with a shaded jar on a loaded 2-core machine. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Process process;
  private final URI base;
  private final Thread shutdownHook;
  private final Path log;
  private final Deque<String> lastLines;
  private final String readyLine;

  private LabServer(
      Process process,
      URI base,
      Thread shutdownHook,
      Path log,
      Deque<String> lastLines,
      String readyLine) {
    this.process = process;
    this.base = base;
    this.shutdownHook = shutdownHook;
    this.log = log;
    this.lastLines = lastLines;
    this.readyLine = readyLine;
  }

  static LabServer start(Path jar, Path log) {
    return start(jar, log, java.util.Map.of());
  }

  /**
   * Starts the jar with these settings added to its environment (e.g. {@code LESSONS_DIR} for the
   * imported scenarios).
   */
  static LabServer start(Path jar, Path log, java.util.Map<String, String> environment) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "The server jar "
              + jar
              + " does not exist: build it first with "
              + "`mvn -B -DskipTests package -pl server -am` (or run `mvn -B verify` at the repository root)");
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path copy = privateCopy(jar, log.toAbsolutePath().getParent());
    ProcessBuilder builder =
        new ProcessBuilder(java, "-jar", copy.toString()).redirectErrorStream(true);
    builder.environment().put("PORT", "0");
    builder.environment().put("HOST", "127.0.0.1");
    builder.environment().putAll(environment);
    // Each server keeps its sandboxes in a directory of its own: two cannot share one store file.
    try {
      builder
          .environment()
          .put(
              "DATA_DIR",
              Files.createTempDirectory(log.toAbsolutePath().getParent(), "data-").toString());
    } catch (IOException e) {
      throw new IllegalStateException("Could not make a data directory beside " + log, e);
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "Could not start " + java + " -jar " + jar + ": " + e.getMessage(), e);
    }
    Thread hook = new Thread(process::destroyForcibly, "kill-traffic-lab");
    Runtime.getRuntime().addShutdownHook(hook);

    CompletableFuture<String> ready = new CompletableFuture<>();
    Deque<String> lastLines = new ArrayDeque<>();
    Thread pump =
        new Thread(() -> pumpOutput(process, log, ready, lastLines), "traffic-lab-output");
    pump.setDaemon(true);
    pump.start();
    long started = System.nanoTime();
    try {
      String readyLine = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Matcher m = READY.matcher(readyLine);
      m.find();
      URI base = URI.create(m.group(1));
      System.out.printf(
          "Traffic Lab started at %s in %d ms (log: %s)%n",
          base, (System.nanoTime() - started) / 1_000_000, log);
      return new LabServer(process, base, hook, log, lastLines, readyLine);
    } catch (TimeoutException | ExecutionException | InterruptedException e) {
      process.destroyForcibly();
      removeHook(hook);
      String why =
          e instanceof TimeoutException
              ? "did not print \"Traffic Lab listening on http://HOST:PORT\" within "
                  + START_TIMEOUT.toSeconds()
                  + " s"
              : "exited before it was ready";
      synchronized (lastLines) {
        throw new IllegalStateException(
            "The Traffic Lab server "
                + why
                + "; its last output (full log in "
                + log
                + "):\n"
                + String.join("\n", lastLines),
            e);
      }
    }
  }

  /**
   * The same bytes under a name of the suite's own: on a machine shared by several developers, a
   * colleague's {@code pkill -f traffic-lab.jar} for their own server once stopped this suite's
   * server mid-run.
   */
  private static Path privateCopy(Path jar, Path dir) {
    try {
      Files.createDirectories(dir);
      Path copy = dir.resolve("e2e-lab-server.jar");
      Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return copy;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot copy " + jar + " into " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Drains the server's output for as long as it runs (a full pipe would stall it) into the log
   * file.
   */
  private static void pumpOutput(
      Process process, Path log, CompletableFuture<String> ready, Deque<String> lastLines) {
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(createParent(log), StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        out.write(line);
        out.write('\n');
        out.flush();
        synchronized (lastLines) {
          lastLines.addLast(line);
          if (lastLines.size() > 40) {
            lastLines.removeFirst();
          }
        }
        Matcher m = READY.matcher(line);
        if (!ready.isDone() && m.find()) {
          ready.complete(line);
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    ready.completeExceptionally(new IllegalStateException("server output ended"));
  }

  private static Path createParent(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return file;
  }

  /**
   * Fails with the server's exit code and last output when it is no longer running, so a crash (or
   * a kill from outside) reads as that, not as a page that cannot be reached.
   */
  void requireAlive() {
    if (!process.isAlive()) {
      int code = process.exitValue();
      String why = code > 128 ? " (killed by signal " + (code - 128) + ")" : "";
      synchronized (lastLines) {
        throw new IllegalStateException(
            "The Traffic Lab server at "
                + base
                + " is no longer running: it exited with "
                + code
                + why
                + "; its last output (full log in "
                + log
                + "):\n"
                + String.join("\n", lastLines));
      }
    }
  }

  /**
   * What the server printed when it was ready, e.g. {@code Traffic Lab listening on http://… (epoll
   * transport, …)}.
   */
  String readyLine() {
    return readyLine;
  }

  /** Everything the server has printed so far (stdout and stderr, as one stream). */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the server's log " + log + ": " + e.getMessage(), e);
    }
  }

  /** Base address without a trailing slash, e.g. {@code http://127.0.0.1:41234}. */
  URI base() {
    return base;
  }

  String url(String path) {
    return base + path;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    removeHook(shutdownHook);
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook runs anyway; nothing left to undo.
    }
  }
}
