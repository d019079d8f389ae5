package dev.trafficlab.bookinfo.sidecar;

import dev.trafficlab.mesh.model.HttpRewrite;

/** Test access to the sidecar's path rewrite. */
public final class HopTestAccess {
  private HopTestAccess() {}

  public static String rewrite(String uri, String path, String matchedPrefix, boolean exact) {
    return Hop.rewritePath(new HttpRewrite(uri, null, null), path, matchedPrefix, exact);
  }
}
