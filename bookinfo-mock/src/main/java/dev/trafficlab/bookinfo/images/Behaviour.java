package dev.trafficlab.bookinfo.images;

import java.util.Set;

/**
 * What a container of a known image does in the lab (docs/images.md lists the images of each).
 * {@code binaries} are the programs {@code kubectl exec} finds in the container; any other answers
 * as a container without it would.
 */
public enum Behaviour {
  PRODUCTPAGE(
      "Bookinfo productpage (Python): the product page, calls details and reviews", Bins.CURL),
  DETAILS("Bookinfo details (Ruby): the book's details", Bins.CURL),
  REVIEWS("Bookinfo reviews (Java): reviews, with ratings' stars from v2 and v3", Bins.CURL),
  RATINGS("Bookinfo ratings (Node.js): the ratings", Bins.CURL),
  HTTPBIN(
      "httpbin: /get, /headers, /ip, /user-agent, /status/{codes}, /delay/{n}, /anything",
      Set.of("python3", "gunicorn", "sh", "bash")),
  SLEEP(
      "sleep: a client pod that only sleeps; kubectl exec runs curl in it",
      Set.of("curl", "sh", "sleep", "nc")),
  HELLOWORLD(
      "helloworld v1/v2 (Python): /hello answers its version and pod", Set.of("sh", "python")),
  TCP_ECHO("tcp-echo: a TCP echo server (TCP lessons are not available yet)", Set.of()),
  FORTIO("fortio: load generator and echo server", Set.of("fortio")),
  GATEWAY("Istio's proxy (ingress/egress gateway)", Set.of("pilot-agent", "envoy", "curl")),
  ISTIOD("Istio's control plane (istiod)", Set.of("pilot-discovery", "curl")),
  ECHO("an image the lab does not know: an HTTP echo server on each containerPort", Set.of());

  private final String summary;
  private final Set<String> binaries;

  Behaviour(String summary, Set<String> binaries) {
    this.summary = summary;
    this.binaries = binaries;
  }

  /** Enum constants cannot read the enum's own static fields while they are built. */
  private static final class Bins {
    static final Set<String> CURL = Set.of("curl", "sh", "bash");
  }

  public String summary() {
    return summary;
  }

  /** True when the container has this program (kubectl exec finds it in $PATH). */
  public boolean has(String program) {
    String name = program.substring(program.lastIndexOf('/') + 1);
    return binaries.contains(name);
  }

  /** True for the images the lab knows; false for the echo stand-in. */
  public boolean known() {
    return this != ECHO;
  }
}
