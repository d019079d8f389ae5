package dev.trafficlab.server.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Bytes on a socket, as an attacker sends them: no client library fixes up a bad Host or finishes a
 * request.
 */
final class RawHttp {
  /** Long enough that only a server that never closes makes a test wait for it. */
  static final int READ_TIMEOUT_MS = 30_000;

  private RawHttp() {}

  static Socket open(int port, String localAddress) throws IOException {
    Socket socket =
        new Socket(
            InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(localAddress), 0);
    socket.setSoTimeout(READ_TIMEOUT_MS);
    return socket;
  }

  /** Sends the text and reads until the server closes the connection; returns what it answered. */
  static String exchange(int port, String request) throws IOException {
    try (Socket socket = open(port, "127.0.0.1")) {
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  /** True when the server closed the connection (end of stream) before the read timeout. */
  static boolean closedByServer(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    try {
      while (true) {
        int b = in.read();
        if (b < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      // A reset is a close too.
      return true;
    }
  }
}
