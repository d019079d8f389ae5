package dev.trafficlab.server.lessons.markdown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Renders lesson Markdown (CommonMark) with Katacoda's markers, so existing scenarios read
 * naturally: {@code `cmd`{{execute}}} becomes a button that runs the command in the terminal,
 * {@code `text`{{copy}}} a button that copies it, {@code `path`{{open}}} a link that opens the file
 * in the editor. Fenced blocks whose closing fence carries a marker work the same way. Raw HTML in
 * the Markdown is escaped and unsafe link schemes are dropped, so a lesson file can never inject
 * script into the page.
 */
public final class LessonMarkdown {
  private static final String MARKERS = "execute|copy|open";
  private static final Pattern INLINE_MARKER =
      Pattern.compile("^\\{\\{(" + MARKERS + ")(\\s+[^}]*)?}}");

  /** A fenced block closed by ```{{execute}}: Katacoda's multi-line form. */
  private static final Pattern MARKED_FENCE =
      Pattern.compile(
          "(?m)^(`{3,}|~{3,})[^\\n]*\\n(.*?)\\n?^\\1\\{\\{("
              + MARKERS
              + ")(\\s+[^}\\n]*)?}}[ \\t]*$",
          Pattern.DOTALL);

  private static final String BLOCK_INFO_PREFIX = "trafficlab-";

  private final Parser parser = Parser.builder().build();
  private final HtmlRenderer renderer =
      HtmlRenderer.builder()
          .escapeHtml(true)
          .sanitizeUrls(true)
          // commonmark's default also allows data: (a link to a data:text/html page, found by
          // LessonMarkdownFuzzTest)
          .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
          .nodeRendererFactory(ActionRenderer::new)
          .build();

  /**
   * Renders one lesson page. Katacoda host URLs come out as {@link KatacodaHostUrls#PLACEHOLDER},
   * to be pointed at a sandbox with {@link KatacodaHostUrls#toSandbox}.
   */
  public String render(String markdown) {
    String source = KatacodaHostUrls.toPlaceholder(markdown.replace("\r\n", "\n"));
    source = markFencedBlocks(source);
    Node document = parser.parse(source);
    document.accept(new MarkerVisitor());
    return renderer.render(document);
  }

  private static String markFencedBlocks(String source) {
    Matcher m = MARKED_FENCE.matcher(source);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String fence = m.group(1);
      // only the words an execute marker understands travel in the info string
      String arguments =
          m.group(4) == null ? "" : m.group(4).replaceAll("[^A-Za-z0-9 \t]", "").strip();
      arguments = arguments.isEmpty() ? "" : " " + arguments;
      String replacement =
          fence + BLOCK_INFO_PREFIX + m.group(3) + arguments + "\n" + m.group(2) + "\n" + fence;
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Replaces code spans followed by a marker, and marked fenced blocks, with {@link KatacodaAction}
   * nodes.
   */
  private static final class MarkerVisitor extends AbstractVisitor {
    private final List<Runnable> edits = new ArrayList<>();

    @Override
    public void visit(org.commonmark.node.Document document) {
      visitChildren(document);
      edits.forEach(Runnable::run);
    }

    @Override
    public void visit(Code code) {
      Node next = code.getNext();
      if (next instanceof Text text) {
        Matcher m = INLINE_MARKER.matcher(text.getLiteral());
        if (m.find()) {
          KatacodaAction action =
              new KatacodaAction(kind(m.group(1)), code.getLiteral(), false, m.group(2));
          String rest = text.getLiteral().substring(m.end());
          edits.add(
              () -> {
                code.insertBefore(action);
                code.unlink();
                if (rest.isEmpty()) {
                  text.unlink();
                } else {
                  text.setLiteral(rest);
                }
              });
        }
      }
    }

    @Override
    public void visit(FencedCodeBlock block) {
      String info = block.getInfo() == null ? "" : block.getInfo().trim();
      // only the markers markFencedBlocks writes; a lesson's own "trafficlab-other" block stays a
      // code block
      String[] marker = info.split("\\s+", 2);
      if (marker[0].startsWith(BLOCK_INFO_PREFIX)
          && marker[0].substring(BLOCK_INFO_PREFIX.length()).matches(MARKERS)) {
        String literal = block.getLiteral();
        String text = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        KatacodaAction action =
            new KatacodaAction(
                kind(marker[0].substring(BLOCK_INFO_PREFIX.length())),
                text,
                true,
                marker.length > 1 ? marker[1] : "");
        edits.add(
            () -> {
              block.insertBefore(action);
              block.unlink();
            });
      }
    }

    private static KatacodaAction.Kind kind(String marker) {
      return KatacodaAction.Kind.valueOf(marker.toUpperCase(java.util.Locale.ROOT));
    }
  }

  private static final class ActionRenderer implements NodeRenderer {
    private final HtmlWriter html;

    ActionRenderer(HtmlNodeRendererContext context) {
      this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(KatacodaAction.class);
    }

    @Override
    public void render(Node node) {
      KatacodaAction a = (KatacodaAction) node;
      if (a.block()) {
        html.tag("div", Map.of("class", "action-block"));
      }
      Map<String, String> attrs = new LinkedHashMap<>();
      String element;
      switch (a.kind()) {
        case EXECUTE -> {
          element = "button";
          attrs.put("type", "button");
          attrs.put("class", "execute");
          attrs.put("data-command", a.text());
          if (a.terminal() != null) {
            attrs.put("data-terminal", a.terminal());
          }
          if (a.interrupt()) {
            attrs.put("data-interrupt", "true");
          }
          attrs.put(
              "title",
              (a.interrupt() ? "Press Ctrl+C, then run" : "Run")
                  + " this command in "
                  + (a.terminal() == null ? "the terminal" : "terminal " + a.terminal()));
        }
        case COPY -> {
          element = "button";
          attrs.put("type", "button");
          attrs.put("class", "copy");
          attrs.put("data-text", a.text());
          attrs.put("title", "Copy to the clipboard");
        }
        default -> {
          element = "a";
          attrs.put("href", "#panel-editor");
          attrs.put("class", "open-file");
          attrs.put("data-path", LessonPaths.resolve(a.text()));
          attrs.put("title", "Open in the editor");
        }
      }
      html.tag(element, attrs);
      html.tag("code", a.block() ? Map.of("class", "block") : Map.of());
      html.text(a.text());
      html.tag("/code");
      html.tag("/" + element);
      if (a.block()) {
        html.tag("/div");
        html.line();
      }
    }
  }
}
