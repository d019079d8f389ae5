package dev.trafficlab.mesh.store;

/** One line kubectl prints (without its newline), and the stream it prints it on. */
public record PrintedLine(Stream stream, String text) {
  public enum Stream {
    STDOUT,
    STDERR
  }

  static PrintedLine out(String text) {
    return new PrintedLine(Stream.STDOUT, text);
  }

  static PrintedLine err(String text) {
    return new PrintedLine(Stream.STDERR, text);
  }
}
