package dev.trafficlab.server.lessons.markdown;

import java.util.Locale;
import org.jsoup.nodes.Element;

/**
 * Katacoda's {@code <pre class="file" data-filename="app.js" data-target="replace">}: the block
 * gets a button that writes its text into that file of the sandbox (replace, append, prepend, or
 * insert at {@code data-marker}) and opens it in the editor; {@code data-target="clipboard"} gets a
 * copy button instead.
 */
final class FileBlocks {
  private FileBlocks() {}

  static void addButton(Element pre) {
    String target = pre.attr("data-target").strip().toLowerCase(Locale.ROOT);
    String file = pre.attr("data-filename").strip();
    String text = pre.wholeText();
    pre.attr("class", "file");
    Element wrapper = pre.wrap("<div class=\"file-block\"></div>").parent();
    Element button = wrapper.appendElement("button").attr("type", "button");
    if (target.equals("clipboard") || file.isEmpty()) {
      // the page's style gives copy buttons their visible "copy"
      button
          .addClass("copy")
          .attr("data-text", text)
          .attr("title", "Copy to the clipboard")
          .attr("aria-label", "Copy this block to the clipboard");
      return;
    }
    String how =
        switch (target) {
          case "append", "prepend" -> target;
          case "insert" -> pre.hasAttr("data-marker") ? "insert" : "append";
          default -> "replace";
        };
    String path = LessonPaths.resolve(file);
    button
        .addClass("write-file")
        .attr("data-path", path)
        .attr("data-target", how)
        .attr("data-text", text);
    if (how.equals("insert")) {
      button.attr("data-marker", pre.attr("data-marker"));
    }
    String label =
        switch (how) {
          case "append" -> "Append to " + path + " in the editor";
          case "prepend" -> "Add at the start of " + path + " in the editor";
          case "insert" -> "Insert into " + path + " in the editor";
          default -> "Copy to editor: replace " + path;
        };
    button.attr("title", label);
    button.appendElement("span").text(label);
  }
}
