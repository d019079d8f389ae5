package dev.trafficlab.terminal.net;

import java.util.Locale;

/**
 * Service ports Istio treats as plain TCP by their name (tcp, tcp-*, as tcp-echo's): the lab's mesh
 * carries only HTTP, so a request to one is answered with a plain sentence rather than a made-up
 * exchange.
 */
final class TcpPorts {
  private TcpPorts() {}

  static boolean isTcp(String portName) {
    String n = portName == null ? "" : portName.toLowerCase(Locale.ROOT);
    return n.equals("tcp") || n.startsWith("tcp-");
  }

  static String message(String service, int port) {
    return "(52) Traffic Lab: port "
        + port
        + " of "
        + service
        + " carries TCP, and the lab's mesh carries only HTTP for now: TCP lessons are not"
        + " available yet";
  }
}
