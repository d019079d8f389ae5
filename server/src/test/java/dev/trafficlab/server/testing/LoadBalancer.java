package dev.trafficlab.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real nginx (Debian's {@code /usr/sbin/nginx}) on a free loopback port, round-robin over the
 * given servers, as an operator would put in front of several Traffic Lab servers. It runs from a
 * temporary prefix with its own configuration, needs no root and reads nothing of the machine's
 * nginx set-up. A server that refuses the connection (being restarted) is skipped: nginx passes the
 * request to the next one, which is how a rolling restart loses no request. Only JDK classes, so
 * the browser tests can use it too.
 */
public final class LoadBalancer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Path dir;
  private final int port;
  private final Process process;

  private LoadBalancer(Path dir, int port, Process process) {
    this.dir = dir;
    this.port = port;
    this.process = process;
  }

  /** Round-robin over these loopback ports. */
  public static LoadBalancer roundRobin(List<Integer> upstreamPorts) {
    Path dir;
    try {
      dir = Files.createTempDirectory("trafficlab-nginx-");
      Files.createDirectories(dir.resolve("logs"));
      Files.createDirectories(dir.resolve("temp"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a directory for nginx", e);
    }
    int port = FreePorts.next();
    Path conf = dir.resolve("nginx.conf");
    try {
      Files.writeString(conf, config(dir, port, upstreamPorts), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + conf, e);
    }
    Process process;
    try {
      process =
          new ProcessBuilder(
                  binary(),
                  "-p",
                  dir.toString(),
                  "-c",
                  conf.toString(),
                  "-e",
                  dir.resolve("logs/error.log").toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("logs/nginx.out").toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot run nginx (install Debian's nginx package): " + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill-nginx"));
    FreePorts.awaitAccepting(process, port, START_TIMEOUT, "nginx");
    return new LoadBalancer(dir, port, process);
  }

  /**
   * One process (no master, no daemon) so the test owns it; no keep-alive to the servers, so each
   * request goes to the next server in turn. WebSocket upgrades pass through for the terminal, and
   * responses are not buffered (server-sent events). proxy_next_upstream: a connection refused or
   * failed goes to the other server. non_idempotent: also a POST whose connection a stopping server
   * reset before reading it (accepted by the kernel, never by the server); a server that stops
   * gracefully answers every request it did read.
   */
  private static String config(Path dir, int port, List<Integer> upstreams) {
    String servers =
        upstreams.stream()
            .map(p -> "    server 127.0.0.1:" + p + " max_fails=0;\n")
            .collect(Collectors.joining());
    String temp = dir.resolve("temp").toString();
    return "daemon off;\n"
        + "master_process off;\n"
        + "worker_processes 1;\n"
        + "pid "
        + dir.resolve("nginx.pid")
        + ";\n"
        + "events { worker_connections 1024; }\n"
        + "http {\n"
        + "  log_format upstreams '$upstream_addr $status $request_method $uri';\n"
        + "  access_log "
        + dir.resolve("logs/access.log")
        + " upstreams;\n"
        + "  client_body_temp_path "
        + temp
        + "/body;\n"
        + "  proxy_temp_path "
        + temp
        + "/proxy;\n"
        + "  fastcgi_temp_path "
        + temp
        + "/fastcgi;\n"
        + "  uwsgi_temp_path "
        + temp
        + "/uwsgi;\n"
        + "  scgi_temp_path "
        + temp
        + "/scgi;\n"
        + "  map $http_upgrade $connection_upgrade { default upgrade; '' close; }\n"
        + "  upstream lab {\n"
        + servers
        + "  }\n"
        + "  server {\n"
        + "    listen 127.0.0.1:"
        + port
        + ";\n"
        + "    client_max_body_size 2m;\n"
        + "    location / {\n"
        + "      proxy_pass http://lab;\n"
        + "      proxy_http_version 1.1;\n"
        + "      proxy_set_header Host $http_host;\n"
        + "      proxy_set_header Upgrade $http_upgrade;\n"
        + "      proxy_set_header Connection $connection_upgrade;\n"
        + "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
        + "      proxy_buffering off;\n"
        + "      proxy_read_timeout 1h;\n"
        + "      proxy_connect_timeout 2s;\n"
        + "      proxy_next_upstream error timeout non_idempotent;\n"
        + "      proxy_next_upstream_tries "
        + upstreams.size()
        + ";\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
  }

  private static String binary() {
    for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return candidate;
      }
    }
    return "nginx";
  }

  public int port() {
    return port;
  }

  /** The address learners use, e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
  public String base() {
    return "http://127.0.0.1:" + port;
  }

  /**
   * One line per request answered so far, oldest first: the upstream address(es) tried (a refused
   * one, then a comma and the one that answered), the status, the method and the path.
   */
  public List<String> accessLog() {
    try {
      return Files.readAllLines(dir.resolve("logs/access.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read nginx's access log", e);
    }
  }

  /** What nginx logged about failures (an upstream refused, a retry). */
  public String errorLog() {
    try {
      return Files.readString(dir.resolve("logs/error.log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no error log: " + e.getMessage() + ")";
    }
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
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is harmless.
    }
  }
}
