package dev.trafficlab.server.lessons.markdown;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * The allow-list every rendered lesson page passes: imported lessons are untrusted, yet Katacoda
 * and Killercoda pages carry a little HTML of their own ({@code <kbd>}, {@code <details><summary>}
 * hints and solutions, {@code <pre class="file" data-filename data-target>} "copy to editor"
 * blocks, images). Only the elements and attributes listed here survive, links and images keep
 * http, https, mailto or relative addresses, class names are kept only when the page's own CSS and
 * scripts define them, and form fields only as the quiz uses them; everything else (scripts, event
 * handlers, styles, frames, javascript: and data: URLs) is dropped.
 */
final class LessonHtmlPolicy {
  /** Relative links are checked against a base of no consequence and kept as written. */
  private static final String BASE = "https://lesson.trafficlab.invalid/";

  private static final Set<String> CLASSES =
      Set.of(
          "execute",
          "copy",
          "open-file",
          "action-block",
          "block",
          "file",
          "file-block",
          "write-file",
          "marker-note",
          "quiz",
          "quiz-choices",
          "quiz-feedback",
          "quiz-check");

  private static final Set<String> INPUT_TYPES = Set.of("text", "checkbox", "radio");

  private static final Safelist SAFELIST =
      new Safelist()
          .addTags(
              "p",
              "h1",
              "h2",
              "h3",
              "h4",
              "h5",
              "h6",
              "em",
              "strong",
              "b",
              "i",
              "code",
              "pre",
              "blockquote",
              "ul",
              "ol",
              "li",
              "hr",
              "br",
              "a",
              "img",
              "kbd",
              "details",
              "summary",
              "div",
              "span",
              "small",
              "button",
              "form",
              "fieldset",
              "legend",
              "input",
              "label",
              "sub",
              "sup",
              "del")
          .addAttributes(":all", "class", "title")
          .addAttributes("a", "href", "rel", "data-path")
          .addAttributes("img", "src", "alt", "width", "height")
          .addAttributes("ol", "start")
          .addAttributes("details", "open")
          .addAttributes("pre", "data-filename", "data-target", "data-marker")
          .addAttributes(
              "button",
              "type",
              "data-command",
              "data-terminal",
              "data-interrupt",
              "data-keys",
              "data-no-newline",
              "data-host",
              "data-name",
              "data-text",
              "data-path",
              "data-target",
              "data-marker",
              "aria-label")
          .addAttributes("small", "role")
          .addAttributes("form", "data-kind", "data-expected", "aria-label")
          .addAttributes("fieldset", "aria-describedby")
          .addAttributes(
              "input", "type", "name", "value", "data-right", "aria-label", "autocomplete")
          .addAttributes("p", "role", "aria-live")
          .addProtocols("a", "href", "http", "https", "mailto")
          .addProtocols("img", "src", "http", "https")
          .preserveRelativeLinks(true);

  private LessonHtmlPolicy() {}

  static String clean(String html) {
    Document dirty = Jsoup.parseBodyFragment(html, BASE);
    Document clean = new Cleaner(SAFELIST).clean(dirty);
    Element body = clean.body();
    for (Element e : body.select("[class]")) {
      String kept =
          e.classNames().stream()
              .filter(c -> CLASSES.contains(c) || c.matches("language-[A-Za-z0-9_+-]{1,30}"))
              .collect(Collectors.joining(" "));
      if (kept.isEmpty()) {
        e.removeAttr("class");
      } else {
        e.attr("class", kept);
      }
    }
    for (Element input : body.select("input")) {
      if (!INPUT_TYPES.contains(input.attr("type").toLowerCase(Locale.ROOT))) {
        input.remove();
      }
    }
    for (Element button : body.select("button")) {
      button.attr("type", "button");
    }
    for (Element pre : body.select("pre[data-target], pre[data-filename]")) {
      FileBlocks.addButton(pre);
    }
    clean.outputSettings().prettyPrint(false).escapeMode(Entities.EscapeMode.base).charset("UTF-8");
    return body.html();
  }
}
