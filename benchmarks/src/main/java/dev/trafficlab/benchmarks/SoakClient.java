package dev.trafficlab.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The soak client of {@code benchmarks/load/soak.sh}: against a running server, creates sandboxes
 * at a steady rate and uses each one as a learner would (a command, an apply, a product page view),
 * while the server expires the idle ones. After every 2,000 sandboxes it runs a full GC in the
 * server (jcmd) and prints the heap in use; at the end it prints the product page latencies, during
 * the run and on the sandboxes still alive.
 *
 * <p>No dependencies (JDK HTTP client), so the script runs it from source: {@code java
 * SoakClient.java base pid total rate workers}.
 */
public final class SoakClient {
  private static final String REVIEWS_50_V3 =
      """
      apiVersion: networking.istio.io/v1alpha3
      kind: VirtualService
      metadata:
        name: reviews
      spec:
        hosts:
          - reviews
        http:
        - route:
          - destination:
              host: reviews
              subset: v1
            weight: 50
          - destination:
              host: reviews
              subset: v3
            weight: 50
      """;
  private static final Pattern ID = Pattern.compile("\"id\":\"([^\"]+)\"");
  private static final Pattern PAGE = Pattern.compile("\"productPage\":\"([^\"]+)\"");
  private static final Pattern USED = Pattern.compile("used (\\d+)K");
  private static final int CHECKPOINT = 2000;

  private final String base;
  private final String pid;
  private final int total;
  private final double rate;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger done = new AtomicInteger();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

  /** Page latencies (µs) of the current 2,000 and of the whole run. */
  private final List<Long> block = new ArrayList<>();

  private final List<Long> all = new ArrayList<>();

  /** Product page path and creation time (ms since start) of each sandbox, by index. */
  private final String[] pages;

  private final long[] createdAtMs;
  private final long startNanos = System.nanoTime();

  private SoakClient(String base, String pid, int total, double rate) {
    this.base = base;
    this.pid = pid;
    this.total = total;
    this.rate = rate;
    this.pages = new String[total];
    this.createdAtMs = new long[total];
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 5) {
      System.err.println(
          "usage: SoakClient <base-url> <server-pid> <sandboxes> <per-second> <workers> "
              + "[idle-seconds]");
      System.exit(2);
    }
    SoakClient c =
        new SoakClient(args[0], args[1], Integer.parseInt(args[2]), Double.parseDouble(args[3]));
    int workers = Integer.parseInt(args[4]);
    long idleSeconds = args.length > 5 ? Long.parseLong(args[5]) : 0;
    c.printHeap("start, no sandbox");
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    for (int i = 0; i < workers; i++) {
      pool.execute(c::work);
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
    c.summary(idleSeconds);
  }

  private void work() {
    int i;
    while ((i = next.getAndIncrement()) < total) {
      long due = startNanos + (long) (i / rate * 1e9);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        sleepNanos(wait);
      }
      try {
        learner(i);
      } catch (IOException | RuntimeException e) {
        fail("io: " + e.getClass().getSimpleName());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      int n = done.incrementAndGet();
      if (n % CHECKPOINT == 0) {
        checkpoint(n);
      }
    }
  }

  /** One learner: create, a command, an apply, a product page view. */
  private void learner(int i) throws IOException, InterruptedException {
    HttpResponse<String> created = send(post("/api/sandboxes", "application/json", "{}"));
    if (created.statusCode() != 201) {
      fail("create " + created.statusCode());
      return;
    }
    String id = group(ID, created.body());
    pages[i] = group(PAGE, created.body());
    createdAtMs[i] = elapsedMs();
    HttpResponse<String> exec =
        send(
            post(
                "/api/sandboxes/" + id + "/exec",
                "application/json",
                "{\"command\":\"kubectl get pods\"}"));
    if (exec.statusCode() != 200 || !exec.body().contains("productpage-v1")) {
      fail("exec " + exec.statusCode());
    }
    HttpResponse<String> apply =
        send(post("/api/sandboxes/" + id + "/apply", "application/yaml", REVIEWS_50_V3));
    if (apply.statusCode() / 100 != 2) {
      fail("apply " + apply.statusCode());
    }
    long t0 = System.nanoTime();
    HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(base + pages[i])).GET());
    long us = (System.nanoTime() - t0) / 1000;
    if (page.statusCode() != 200 || !page.body().contains("data-reviews-version")) {
      fail("page " + page.statusCode());
    }
    synchronized (this) {
      block.add(us);
      all.add(us);
    }
  }

  private void checkpoint(int n) {
    List<Long> latencies;
    synchronized (this) {
      latencies = new ArrayList<>(block);
      block.clear();
    }
    System.out.printf(
        "after %,d sandboxes (%.0f s): %s; pages of the last %,d: %s%n",
        n, elapsedMs() / 1000.0, heap(), latencies.size(), percentiles(latencies));
  }

  private void summary(long idleSeconds) throws IOException, InterruptedException {
    System.out.printf(
        "created and used %,d sandboxes in %.0f s; failures: %s%n",
        done.get(), elapsedMs() / 1000.0, failures.isEmpty() ? "none" : failures);
    List<Long> whole;
    synchronized (this) {
      whole = new ArrayList<>(all);
    }
    System.out.println("product page during the run: " + percentiles(whole));
    // The sandboxes that should still be alive: created within the idle time (and a sweep) before
    // now.
    long now = elapsedMs();
    List<String> alive = new ArrayList<>();
    for (int i = 0; i < total; i++) {
      if (pages[i] != null
          && (idleSeconds == 0 || now - createdAtMs[i] < idleSeconds * 1000 * 3 / 4)) {
        alive.add(pages[i]);
      }
    }
    List<Long> end = new ArrayList<>();
    int notFound = 0;
    for (int k = 0; k < 2000 && !alive.isEmpty(); k++) {
      String page = alive.get(ThreadLocalRandom.current().nextInt(alive.size()));
      long t0 = System.nanoTime();
      HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + page)).GET());
      end.add((System.nanoTime() - t0) / 1000);
      if (r.statusCode() == 404) {
        notFound++;
      }
    }
    System.out.printf(
        "product page at the end, 2,000 views over %,d recent sandboxes (one client): %s; 404: %d%n",
        alive.size(), percentiles(end), notFound);
    if (idleSeconds > 0 && pages[0] != null) {
      int first = send(HttpRequest.newBuilder(URI.create(base + pages[0])).GET()).statusCode();
      System.out.println(
          "the first sandbox's product page now answers " + first + " (404: it has expired)");
    }
    printHeap("end");
  }

  private void printHeap(String when) {
    System.out.println(when + ": " + heap());
  }

  /** Full GC in the server, then the heap in use, read with jcmd. */
  private String heap() {
    try {
      run("jcmd", pid, "GC.run");
      String info = run("jcmd", pid, "GC.heap_info");
      Matcher m = USED.matcher(info);
      return m.find()
          ? String.format("heap after a full GC %.1f MB", Long.parseLong(m.group(1)) / 1024.0)
          : "heap unknown";
    } catch (IOException e) {
      return "heap unknown (" + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "heap unknown";
    }
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor();
    return out;
  }

  private static String percentiles(List<Long> us) {
    if (us.isEmpty()) {
      return "none";
    }
    List<Long> s = new ArrayList<>(us);
    s.sort(Long::compare);
    return String.format(
        "p50 %.1f ms, p99 %.1f ms, max %.1f ms",
        at(s, 50) / 1000.0, at(s, 99) / 1000.0, s.get(s.size() - 1) / 1000.0);
  }

  private static long at(List<Long> sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private HttpRequest.Builder post(String path, String type, String body) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpResponse<String> send(HttpRequest.Builder b)
      throws IOException, InterruptedException {
    return http.send(
        b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private void fail(String what) {
    failures.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
  }

  private long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private static String group(Pattern p, String body) {
    Matcher m = p.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("unexpected answer: " + body);
    }
    return m.group(1);
  }

  private static void sleepNanos(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
