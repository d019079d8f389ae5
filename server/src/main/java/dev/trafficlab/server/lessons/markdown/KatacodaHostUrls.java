package dev.trafficlab.server.lessons.markdown;

import dev.trafficlab.mesh.inventory.Inventory;
import dev.trafficlab.mesh.inventory.Service;
import dev.trafficlab.terminal.ShellState;
import dev.trafficlab.terminal.net.Curl;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Katacoda and Killercoda scenarios reach their environment through placeholders: per-port URLs
 * such as {@code
 * https://[[HOST_SUBDOMAIN]]-80-[[KATACODA_HOST]].environments.katacoda.com/productpage} (the port
 * may be {@code $INGRESS_PORT}), Killercoda's {@code {{TRAFFIC_HOST1_80}}} and {@code
 * {{TRAFFIC_SELECTOR}}}, and host names and IPs ({@code [[HOST_IP]]}, {@code [[KATACODA_HOST]]}…).
 *
 * <p>In the page, the ingress port (80, the ingress gateway's http2 node port, {@code
 * $INGRESS_PORT}) is the sandbox's product page; any other port is the lab's "not available" page
 * naming that port ({@link PortPages}), never the product page. A URL is rewritten as a whole:
 * first to a neutral placeholder when the lesson is loaded (so rendered pages can be cached), then
 * to the sandbox's own address per page view ({@link #toSandbox}). In a command the same URLs lead
 * to the ingress gateway as the shell knows it ({@code $INGRESS_HOST}), other ports to the node's
 * IP where nothing listens, as on a cluster without that dashboard ({@link #inCommand}).
 *
 * <p>Ours, not Katacoda's: http://[[INGRESS:host]]/path becomes the product page's address with {@code
 * @host} after the page key: the gateway then sees that Host (docs/pages.md).
 */
public final class KatacodaHostUrls {
  /** Made only of characters that Markdown, HTML escaping and URL encoding all leave alone. */
  public static final String PLACEHOLDER = "https://productpage.trafficlab.invalid";

  /** Another port's placeholder is {@code https://port-<n>.trafficlab.invalid}. */
  private static final String PORT_PLACEHOLDER_PREFIX = "https://port-";

  private static final String PORT_PLACEHOLDER_SUFFIX = ".trafficlab.invalid";

  /** Katacoda's port picker and Killercoda's traffic selector. */
  static final String PORTS_PLACEHOLDER = "https://ports.trafficlab.invalid";

  /** Where the lab's page about ports lives; {@code /lab/ports/<n>} names one port. */
  public static final String PORTS_PATH = "/lab/ports";

  /** The ingress gateway's http2 NodePort, as {@code kubectl get svc -n istio-system} shows it. */
  public static final int INGRESS_NODE_PORT = ingressNodePort();

  /** The ingress gateway as the shell addresses it ({@code $INGRESS_HOST}). */
  static final String SHELL_INGRESS =
      "http://" + ShellState.initialEnvironment().get("INGRESS_HOST");

  /**
   * Killercoda's file holding the environment's URL with {@code PORT} in place of the port ({@code
   * sed 's/PORT/80/g' /etc/killercoda/host}); an imported scenario's files get it with {@link
   * #KILLERCODA_HOST_CONTENT}.
   */
  public static final String KILLERCODA_HOST_FILE = "/etc/killercoda/host";

  /** Port 80 of it is the ingress gateway, as {@code $INGRESS_HOST} is; other ports are refused. */
  public static final String KILLERCODA_HOST_CONTENT = SHELL_INGRESS + ":PORT\n";

  private static final String PORT = "(\\d{1,5}|\\$INGRESS_PORT|\\$\\{INGRESS_PORT})";
  private static final String DOMAIN =
      "(?:environments\\.katacoda\\.com|\\[\\[KATACODA_DOMAIN]]|katacoda\\.com)";

  private static final Pattern KATACODA_PORT_URL =
      Pattern.compile(
          "(?:https?://)?\\[\\[HOST_SUBDOMAIN]]-" + PORT + "-\\[\\[KATACODA_HOST]]\\." + DOMAIN);
  private static final Pattern KATACODA_PICKER =
      Pattern.compile("(?:https?://)?\\[\\[HOST_SUBDOMAIN]]-\\[\\[KATACODA_HOST]]\\." + DOMAIN);
  private static final Pattern KILLERCODA_PORT_URL =
      Pattern.compile("\\{\\{\\s*TRAFFIC_HOST[12]_(\\d{1,5})\\s*}}");
  private static final Pattern HOST_IP_URL =
      Pattern.compile("https?://\\[\\[HOST2?_IP]](?::" + PORT + ")?");
  private static final Pattern PORT_PLACEHOLDER =
      Pattern.compile("https://port-(\\d{1,5})\\.trafficlab\\.invalid");
  private static final Pattern KILLERCODA_SELECTOR =
      Pattern.compile("\\{\\{\\s*TRAFFIC_SELECTOR\\s*}}");

  /** Placeholders that stand alone, as text; the node's IP is the one the shell's curl knows. */
  private static final Map<String, String> WORDS =
      Map.of(
          "[[HOST_IP]]", Curl.NODE_IP,
          "[[HOST2_IP]]", Curl.NODE_IP,
          "[[HOST_SUBDOMAIN]]", "host01",
          "[[CLIENT_SUBDOMAIN]]", "host01",
          "[[KATACODA_HOST]]", "trafficlab",
          "[[KATACODA_DOMAIN]]", "trafficlab.invalid");

  /**
   * Ours, not Katacoda's: http://[[INGRESS:httpbin.example.com]]/status/418 is the sandbox's
   * ingress gateway reached as http://httpbin.example.com/status/418 (a DNS name that resolves to
   * it), the way a browser would once the host had a DNS entry.
   */
  private static final Pattern INGRESS_URL =
      Pattern.compile("https?://\\[\\[INGRESS:([A-Za-z0-9][A-Za-z0-9.-]{0,252}(?::[0-9]{1,5})?)]]");

  /** What a named-host URL becomes in rendered pages: the placeholder, this marker, the host. */
  private static final String NAMED_HOST = PLACEHOLDER + "/~host~";

  private KatacodaHostUrls() {}

  /** True for the ports that reach the product page through the ingress gateway. */
  public static boolean isIngressPort(String port) {
    return port.equals("80")
        || port.contains("INGRESS_PORT")
        || port.equals(INGRESS_NODE_PORT + "");
  }

  /**
   * Replaces the scheme-and-host part of every host URL with a placeholder (the path stays), and
   * the stand-alone placeholders with the lab's values.
   */
  public static String toPlaceholder(String markdown) {
    String named =
        INGRESS_URL
            .matcher(markdown)
            .replaceAll(m -> Matcher.quoteReplacement(NAMED_HOST + m.group(1)));
    String out = replace(KATACODA_PORT_URL, named, KatacodaHostUrls::browserPort);
    out = replace(KILLERCODA_PORT_URL, out, KatacodaHostUrls::browserPort);
    out = replace(HOST_IP_URL, out, KatacodaHostUrls::browserPort);
    out = KATACODA_PICKER.matcher(out).replaceAll(Matcher.quoteReplacement(PORTS_PLACEHOLDER));
    out = KILLERCODA_SELECTOR.matcher(out).replaceAll(Matcher.quoteReplacement(PORTS_PLACEHOLDER));
    return words(out);
  }

  /**
   * A command with its host URLs as the shell reaches them: the ingress port is the ingress
   * gateway, another port the node's IP, where nothing answers on it.
   */
  public static String inCommand(String command) {
    String out = replace(KATACODA_PORT_URL, command, KatacodaHostUrls::shellPort);
    out = replace(KILLERCODA_PORT_URL, out, KatacodaHostUrls::shellPort);
    out = replace(PORT_PLACEHOLDER, out, KatacodaHostUrls::shellPort);
    out = KATACODA_PICKER.matcher(out).replaceAll(Matcher.quoteReplacement(SHELL_INGRESS));
    out = KILLERCODA_SELECTOR.matcher(out).replaceAll(Matcher.quoteReplacement(SHELL_INGRESS));
    // a command already rendered for the page carries the browser placeholders
    out = out.replace(PLACEHOLDER, SHELL_INGRESS).replace(PORTS_PLACEHOLDER, SHELL_INGRESS);
    return words(out);
  }

  private static String browserPort(String port) {
    return port == null || isIngressPort(port)
        ? PLACEHOLDER
        : PORT_PLACEHOLDER_PREFIX + Integer.parseInt(port) + PORT_PLACEHOLDER_SUFFIX;
  }

  private static String shellPort(String port) {
    return isIngressPort(port) ? SHELL_INGRESS : "http://" + Curl.NODE_IP + ":" + port;
  }

  private static String replace(
      Pattern pattern, String text, java.util.function.UnaryOperator<String> forPort) {
    return pattern
        .matcher(text)
        .replaceAll(r -> Matcher.quoteReplacement(forPort.apply(r.group(1))));
  }

  private static String words(String text) {
    String out = text;
    for (Map.Entry<String, String> w : WORDS.entrySet()) {
      out = out.replace(w.getKey(), w.getValue());
    }
    return out;
  }

  /**
   * Points every placeholder in rendered HTML at the sandbox: the product page at its base, other
   * ports at the lab's page about them.
   *
   * @param html rendered step HTML
   * @param productPageBase the sandbox's product page base, e.g. http://localhost:8080/bookinfo/KEY
   *     (no trailing slash); it is HTML-escaped here
   */
  public static String toSandbox(String html, String productPageBase) {
    String out = html.replace(NAMED_HOST, escape(productPageBase) + "@");
    out = out.replace(PLACEHOLDER, escape(productPageBase));
    out = PORT_PLACEHOLDER.matcher(out).replaceAll(PORTS_PATH + "/$1");
    return out.replace(PORTS_PLACEHOLDER, PORTS_PATH);
  }

  private static int ingressNodePort() {
    return Inventory.bookinfo()
        .service("istio-system", "istio-ingressgateway")
        .flatMap(s -> s.ports().stream().filter(p -> p.name().equals("http2")).findFirst())
        .map(Service.Port::nodePort)
        .orElse(Service.Port.defaultNodePort(80));
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
