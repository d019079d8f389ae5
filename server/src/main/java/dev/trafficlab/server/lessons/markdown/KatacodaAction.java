package dev.trafficlab.server.lessons.markdown;

import org.commonmark.node.CustomNode;

/**
 * A code span or block followed by a Katacoda marker ({{execute}}, {{copy}}, {{open}}); an execute
 * marker may name its terminal ({{execute T2}}) and ask for Ctrl+C first ({{execute interrupt}}).
 */
final class KatacodaAction extends CustomNode {
  enum Kind {
    EXECUTE,
    COPY,
    OPEN
  }

  private final Kind kind;
  private final String text;
  private final boolean block;
  private final String terminal;
  private final boolean interrupt;

  KatacodaAction(Kind kind, String text, boolean block, String arguments) {
    this.kind = kind;
    this.text = text;
    this.block = block;
    String terminal = null;
    boolean interrupt = false;
    for (String word : (arguments == null ? "" : arguments).trim().split("\\s+")) {
      if (word.matches("T[1-9]")) {
        terminal = word;
      } else if (word.equals("interrupt")) {
        interrupt = true;
      }
    }
    this.terminal = terminal;
    this.interrupt = interrupt;
  }

  /** The terminal an execute marker names (T1 … T4), or null for the one in front. */
  String terminal() {
    return terminal;
  }

  /** True when the marker sends Ctrl+C before the command. */
  boolean interrupt() {
    return interrupt;
  }

  Kind kind() {
    return kind;
  }

  String text() {
    return text;
  }

  boolean block() {
    return block;
  }
}
