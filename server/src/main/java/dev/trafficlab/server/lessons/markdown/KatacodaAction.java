package dev.trafficlab.server.lessons.markdown;

import org.commonmark.node.CustomNode;

/**
 * A code span or fenced block followed by a Katacoda marker, as {@link KatacodaMarker} reads it.
 */
final class KatacodaAction extends CustomNode {
  private final KatacodaMarker marker;
  private final String text;
  private final boolean block;

  KatacodaAction(KatacodaMarker marker, String text, boolean block) {
    this.marker = marker;
    this.text = text;
    this.block = block;
  }

  KatacodaMarker marker() {
    return marker;
  }

  String text() {
    return text;
  }

  boolean block() {
    return block;
  }
}
