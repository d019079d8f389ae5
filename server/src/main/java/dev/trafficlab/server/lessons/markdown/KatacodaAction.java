package dev.trafficlab.server.lessons.markdown;

import org.commonmark.node.CustomNode;

/** A code span or block followed by a Katacoda marker ({{execute}}, {{copy}}, {{open}}). */
final class KatacodaAction extends CustomNode {
  enum Kind {
    EXECUTE,
    COPY,
    OPEN
  }

  private final Kind kind;
  private final String text;
  private final boolean block;

  KatacodaAction(Kind kind, String text, boolean block) {
    this.kind = kind;
    this.text = text;
    this.block = block;
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
