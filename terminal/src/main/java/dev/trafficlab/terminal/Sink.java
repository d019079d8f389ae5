package dev.trafficlab.terminal;

/** Where a command writes (the terminal, a pipe, a file being redirected to, or nowhere). */
public interface Sink {
  void write(String text);

  Sink NULL = text -> {};
}
