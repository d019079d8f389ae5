package dev.trafficlab.server.http;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The address a request comes from, as the key of per-client limits. An IPv6 client holds a whole
 * /64 (a host picks any address in it), so IPv6 addresses count per /64.
 */
public final class ClientAddress {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private ClientAddress() {}

  /**
   * The peer's address; behind {@code trustedHops} reverse proxies (a count above 0), the
   * X-Forwarded-For entry that the outermost trusted proxy added: that many entries from the right.
   * Entries further left were written by the client and are never trusted.
   */
  public static String of(RoutingContext ctx, int trustedHops) {
    if (trustedHops > 0) {
      String forwarded = ctx.request().getHeader("X-Forwarded-For");
      if (forwarded != null && !forwarded.isBlank()) {
        String[] entries = forwarded.split(",");
        String entry = entries[Math.max(0, entries.length - trustedHops)].trim();
        String key = key(entry);
        if (key != null) {
          return key;
        }
      }
    }
    return peer(ctx.request().remoteAddress());
  }

  /** The limit key of a connection's peer. */
  public static String peer(SocketAddress remote) {
    String key = remote == null ? null : key(remote.hostAddress());
    return key == null ? "unknown" : key;
  }

  /**
   * An IPv4 address as written, an IPv6 address as its /64; null when the text is not an IP
   * address.
   */
  static String key(String address) {
    if (address == null) {
      return null;
    }
    String text =
        address.startsWith("[") && address.endsWith("]")
            ? address.substring(1, address.length() - 1)
            : address;
    if (IPV4.matcher(text).matches()) {
      return text;
    }
    if (!text.contains(":") || !IPV6.matcher(text).matches()) {
      return null;
    }
    try {
      // Only literal addresses reach this line (the pattern admits no names), so no lookup is made.
      byte[] bytes = InetAddress.getByName(text).getAddress();
      if (bytes.length == 4) {
        return InetAddress.getByAddress(bytes).getHostAddress();
      }
      StringBuilder prefix = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        prefix
            .append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
            .append(':');
      }
      return prefix.append(":/64").toString();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
