package dev.trafficlab.bookinfo.images;

import java.util.Locale;

/**
 * A container image reference as Docker reads it: an optional registry (a first segment with a dot
 * or a port, or localhost), the repository, an optional tag and digest. Docker Hub's own names
 * (docker.io, index.docker.io, library/) are folded away so that every spelling of one image names
 * one repository.
 *
 * @param repository the repository without registry, lower case (kennethreitz/httpbin, nginx)
 * @param tag the tag, "latest" when none is given
 */
public record ImageRef(String repository, String tag) {

  public static ImageRef parse(String image) {
    String s = image == null ? "" : image.trim().toLowerCase(Locale.ROOT);
    int at = s.indexOf('@');
    if (at >= 0) {
      s = s.substring(0, at);
    }
    String tag = "latest";
    int colon = s.lastIndexOf(':');
    if (colon > s.lastIndexOf('/')) {
      tag = s.substring(colon + 1);
      s = s.substring(0, colon);
    }
    int slash = s.indexOf('/');
    if (slash > 0) {
      String first = s.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        s = s.substring(slash + 1);
      }
    }
    if (s.startsWith("library/")) {
      s = s.substring("library/".length());
    }
    return new ImageRef(s, tag.isEmpty() ? "latest" : tag);
  }

  /** The last segment of the repository (httpbin for kennethreitz/httpbin). */
  public String shortName() {
    return repository.substring(repository.lastIndexOf('/') + 1);
  }
}
