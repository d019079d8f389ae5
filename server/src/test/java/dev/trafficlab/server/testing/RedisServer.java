package dev.trafficlab.server.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, in a temporary directory
 * of its own: never a mock. It can be stopped and started again on the same port and directory, as
 * an operator restarting Redis would. Only JDK classes, so the browser tests can use it too.
 */
public final class RedisServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Path dir;
  private final int port;
  private final boolean appendOnly;
  private Process process;

  private RedisServer(Path dir, int port, boolean appendOnly) {
    this.dir = dir;
    this.port = port;
    this.appendOnly = appendOnly;
  }

  /** A Redis that keeps nothing on disk ({@code --save ''}, no AOF): for tests of one run. */
  public static RedisServer start() {
    return start(false);
  }

  /** A Redis that logs every write to its append-only file, as production should run it. */
  public static RedisServer startWithAppendOnlyFile() {
    return start(true);
  }

  private static RedisServer start(boolean appendOnly) {
    Path dir;
    try {
      dir = Files.createTempDirectory("trafficlab-redis-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a directory for redis-server", e);
    }
    RedisServer redis = new RedisServer(dir, FreePorts.next(), appendOnly);
    redis.startAgain();
    return redis;
  }

  /** Starts the process (again) on the same port and directory. */
  public synchronized void startAgain() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("redis-server on " + port + " is already running");
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                binary(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                dir.toString(),
                "--save",
                "",
                "--daemonize",
                "no",
                "--logfile",
                dir.resolve("redis.log").toString(),
                "--appendonly",
                appendOnly ? "yes" : "no"));
    if (appendOnly) {
      command.addAll(List.of("--appendfsync", "everysec"));
    }
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("redis.out").toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run redis-server (install Debian's redis-server package): " + e.getMessage(), e);
    }
    Process started = process;
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "kill-redis"));
    FreePorts.awaitAccepting(process, port, START_TIMEOUT, "redis-server");
    awaitLoaded();
  }

  /** Until a restarted Redis has read its append-only file it answers LOADING. */
  private void awaitLoaded() {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      String reply;
      try {
        reply = call("PING");
      } catch (IllegalStateException loading) {
        reply = loading.getMessage();
      }
      if ("PONG".equals(reply)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("redis-server on " + port + " answers " + reply);
      }
      pause(20);
    }
  }

  private static String binary() {
    for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return "redis-server";
  }

  /** Stops it as {@code systemctl stop} would (SIGTERM), waiting until it has gone. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    waitFor(process);
  }

  /** Stops it with SIGKILL: what a crash or the OOM killer does. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    waitFor(process);
  }

  private void waitFor(Process p) {
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    // The port is free again only once the kernel has closed the listening socket.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (FreePorts.accepting(port) && System.nanoTime() < deadline) {
      pause(20);
    }
  }

  public int port() {
    return port;
  }

  /** What REDIS_URL is set to for a server using this Redis. */
  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** The value of one field of INFO, e.g. {@code used_memory}. */
  public String info(String section, String field) {
    String text = call("INFO", section);
    for (String line : text.split("\r\n")) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1);
      }
    }
    throw new IllegalStateException("INFO " + section + " has no " + field + ":\n" + text);
  }

  /**
   * Sends one command over a fresh connection and answers the reply as text: a status or bulk
   * string, an integer in decimal, an array's elements one a line, null for a nil reply. An error
   * reply throws with Redis's message.
   */
  public String call(String... args) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
      for (String arg : args) {
        byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
        request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
      }
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      return read(new BufferedInputStream(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException("redis-server on " + port + ": " + e.getMessage(), e);
    }
  }

  private static String read(InputStream in) throws IOException {
    int type = in.read();
    String line = line(in);
    switch (type) {
      case '+':
      case ':':
        return line;
      case '-':
        throw new IllegalStateException(line);
      case '$':
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] bytes = in.readNBytes(length + 2);
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
      case '*':
        int count = Integer.parseInt(line);
        if (count < 0) {
          return null;
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          items.add(read(in));
        }
        return String.join("\n", items);
      default:
        throw new IOException("unexpected reply type " + (char) type);
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != '\r') {
      if (c < 0) {
        throw new IOException("connection closed mid-reply");
      }
      line.append((char) c);
    }
    in.read();
    return line.toString();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public synchronized void close() {
    kill();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless.
    }
  }
}
