package dev.trafficlab.server.lessons.markdown;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Katacoda scenarios link to their environment with host URLs such as
 * https://[[HOST_SUBDOMAIN]]-80-[[KATACODA_HOST]].environments.katacoda.com/productpage. Here that
 * environment is the sandbox's product page, so such a URL is rewritten as a whole: first to a
 * neutral placeholder when the lesson is loaded (so rendered steps can be cached), then to the
 * sandbox's own address per page view. http://[[INGRESS:host]]/path becomes the same address with
 * {@code @host} after the page key: the gateway then sees that Host (docs/pages.md).
 */
public final class KatacodaHostUrls {
  /** Made only of characters that Markdown, HTML escaping and URL encoding all leave alone. */
  public static final String PLACEHOLDER = "https://productpage.trafficlab.invalid";

  private static final Pattern HOST_URL =
      Pattern.compile(
          "https?://\\[\\[HOST_SUBDOMAIN]]-\\d+-\\[\\[KATACODA_HOST]]\\.environments\\.katacoda\\.com");

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

  /**
   * Replaces the scheme-and-host part of every Katacoda host URL with the placeholder; the path
   * stays.
   */
  public static String toPlaceholder(String markdown) {
    String named =
        INGRESS_URL
            .matcher(markdown)
            .replaceAll(m -> Matcher.quoteReplacement(NAMED_HOST + m.group(1)));
    return HOST_URL.matcher(named).replaceAll(Matcher.quoteReplacement(PLACEHOLDER));
  }

  /**
   * Points every placeholder in rendered HTML at the sandbox's product page.
   *
   * @param html rendered step HTML
   * @param productPageBase the sandbox's product page base, e.g. http://localhost:8080/bookinfo/KEY
   *     (no trailing slash); it is HTML-escaped here
   */
  public static String toSandbox(String html, String productPageBase) {
    String base = escape(productPageBase);
    return html.replace(NAMED_HOST, base + "@").replace(PLACEHOLDER, base);
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
