package dev.trafficlab.bookinfo.images;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The images the lab knows, by repository (any registry prefix, any tag or digest), and the
 * behaviour a container of each gets. Any other image answers as an HTTP echo server. The
 * documented list is docs/images.md; keep both in step.
 */
public final class ImageCatalogue {
  private ImageCatalogue() {}

  private static final Map<String, Behaviour> BY_REPOSITORY =
      Map.ofEntries(
          Map.entry("kennethreitz/httpbin", Behaviour.HTTPBIN),
          Map.entry("mccutchen/go-httpbin", Behaviour.HTTPBIN),
          Map.entry("governmentpaas/curl-ssl", Behaviour.SLEEP),
          Map.entry("curlimages/curl", Behaviour.SLEEP),
          Map.entry("tutum/curl", Behaviour.SLEEP),
          Map.entry("istio/examples-helloworld-v1", Behaviour.HELLOWORLD),
          Map.entry("istio/examples-helloworld-v2", Behaviour.HELLOWORLD),
          Map.entry("istio/tcp-echo-server", Behaviour.TCP_ECHO),
          Map.entry("fortio/fortio", Behaviour.FORTIO),
          Map.entry("istio/proxyv2", Behaviour.GATEWAY),
          Map.entry("istio/pilot", Behaviour.ISTIOD));

  private static final String BOOKINFO = "istio/examples-bookinfo-";

  /**
   * Answers by image string, so the data plane's per-request dispatch is one lookup; learners'
   * images are few, and the cache starts over past a bound so that no input grows it for ever.
   */
  private static final ConcurrentHashMap<String, Behaviour> CACHE = new ConcurrentHashMap<>();

  private static final int CACHE_BOUND = 4096;

  /** The behaviour of a container running {@code image}. */
  public static Behaviour behaviour(String image) {
    if (image == null) {
      return Behaviour.ECHO;
    }
    Behaviour cached = CACHE.get(image);
    if (cached != null) {
      return cached;
    }
    Behaviour b = parse(image);
    if (CACHE.size() >= CACHE_BOUND) {
      CACHE.clear();
    }
    CACHE.put(image, b);
    return b;
  }

  private static Behaviour parse(String image) {
    ImageRef ref = ImageRef.parse(image);
    Behaviour b = BY_REPOSITORY.get(ref.repository());
    if (b != null) {
      return b;
    }
    String repo = ref.repository();
    if (repo.startsWith(BOOKINFO)) {
      String app = repo.substring(BOOKINFO.length());
      if (app.startsWith("productpage-")) {
        return Behaviour.PRODUCTPAGE;
      }
      if (app.startsWith("details-")) {
        return Behaviour.DETAILS;
      }
      if (app.startsWith("reviews-")) {
        return Behaviour.REVIEWS;
      }
      if (app.startsWith("ratings-")) {
        return Behaviour.RATINGS;
      }
    }
    return Behaviour.ECHO;
  }

  /**
   * The version an image is built as (helloworld's SERVICE_VERSION, Bookinfo's v1/v2/v3): the
   * repository's last "-vN" segment, or "" when it has none.
   */
  public static String imageVersion(String image) {
    String repo = ImageRef.parse(image).repository();
    int dash = repo.lastIndexOf("-v");
    if (dash < 0) {
      return "";
    }
    String v = repo.substring(dash + 1);
    return v.length() > 1 && v.substring(1).chars().allMatch(Character::isDigit) ? v : "";
  }
}
