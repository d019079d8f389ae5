package dev.trafficlab.terminal.net;

/** A URL as curl reads it: http only, host, port (default 80), path with query. */
record Target(String url, String host, int port, boolean explicitPort, String pathAndQuery) {

  String authority() {
    return explicitPort ? host + ":" + port : host;
  }

  static Target parse(String raw) {
    String u = raw;
    if (u.startsWith("https://")) {
      throw new IllegalArgumentException(
          "(35) the lab's mesh speaks plain HTTP inside the cluster: use http://");
    }
    if (u.startsWith("http://")) {
      u = u.substring(7);
    } else if (u.contains("://")) {
      throw new IllegalArgumentException(
          "(1) Protocol \""
              + u.substring(0, u.indexOf("://"))
              + "\" not supported or "
              + "disabled in libcurl");
    }
    int slash = u.indexOf('/');
    int q = u.indexOf('?');
    int cut = slash < 0 ? q : q < 0 ? slash : Math.min(slash, q);
    String authority = cut < 0 ? u : u.substring(0, cut);
    String path = cut < 0 ? "/" : u.substring(cut);
    if (path.startsWith("?")) {
      path = "/" + path;
    }
    if (authority.contains("@")) {
      authority = authority.substring(authority.indexOf('@') + 1);
    }
    String host = authority;
    int port = 80;
    boolean explicit = false;
    int colon = authority.lastIndexOf(':');
    if (colon >= 0) {
      host = authority.substring(0, colon);
      String p = authority.substring(colon + 1);
      try {
        port = Integer.parseInt(p);
        explicit = true;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("(3) URL using bad/illegal format or missing URL");
      }
      if (port <= 0 || port > 65535) {
        throw new IllegalArgumentException(
            "(3) Port number ended with '" + p.charAt(p.length() - 1) + "'");
      }
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("(3) URL using bad/illegal format or missing URL");
    }
    String url = "http://" + authority + path;
    return new Target(url, host, port, explicit, path);
  }
}
