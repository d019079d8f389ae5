package dev.trafficlab.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The container's health check: {@code java -cp traffic-lab.jar dev.trafficlab.server.HealthProbe}.
 * It asks the server on this machine for /health and exits 0 only on 200 within a few seconds, so
 * an orchestrator replaces a server that still listens but no longer answers. Plain sockets: the
 * runtime image needs nothing but the JRE.
 */
public final class HealthProbe {
  static final int TIMEOUT_MS = 5_000;

  private HealthProbe() {}

  public static void main(String[] args) {
    String port = System.getenv().getOrDefault("PORT", "8080");
    try {
      System.exit(healthy("127.0.0.1", Integer.parseInt(port.trim()), TIMEOUT_MS) ? 0 : 1);
    } catch (NumberFormatException e) {
      System.exit(1);
    }
  }

  /**
   * True when GET /health on host:port answers 200, each step (connect, first bytes) within the
   * timeout.
   */
  static boolean healthy(String host, int port, int timeoutMs) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), timeoutMs);
      socket.setSoTimeout(timeoutMs);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET /health HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] head = in.readNBytes(12);
      return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
    } catch (IOException e) {
      return false;
    }
  }
}
