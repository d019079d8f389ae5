package dev.trafficlab.server.lessons.markdown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Renders lesson Markdown (CommonMark) with Katacoda's and Killercoda's markers, so existing
 * scenarios read naturally: {@code `cmd`{{execute}}} (or {@code {{exec}}}) becomes a button that
 * runs the command in the terminal, {@code `text`{{copy}}} a button that copies it, {@code
 * `path`{{open}}} a link that opens the file in the editor, {@code `text`{{}}} plain code; fenced
 * blocks whose closing fence carries a marker work the same way, and Katacoda's quiz syntax becomes
 * a quiz. The HTML the page may carry passes {@link LessonHtmlPolicy}'s allow-list, so a lesson
 * file can never inject script into the page.
 */
public final class LessonMarkdown {
  private final Parser parser =
      Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES).build();
  private final HtmlRenderer renderer =
      HtmlRenderer.builder()
          .sanitizeUrls(true)
          // commonmark's default also allows data: (a link to a data:text/html page, found by
          // LessonMarkdownFuzzTest)
          .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
          .nodeRendererFactory(ActionRenderer::new)
          .build();

  /**
   * Renders one lesson page. Katacoda and Killercoda host URLs come out as the placeholders of
   * {@link KatacodaHostUrls}, to be pointed at a sandbox with {@link KatacodaHostUrls#toSandbox}.
   */
  public String render(String markdown) {
    String source = KatacodaHostUrls.toPlaceholder(markdown.replace("\r\n", "\n"));
    source = MarkedSource.rewrite(source);
    Node document = parser.parse(source);
    document.accept(new MarkerVisitor(source));
    return LessonHtmlPolicy.clean(renderer.render(document));
  }

  /**
   * Replaces code spans followed by a marker, and marked fenced blocks, with {@link KatacodaAction}
   * nodes, and quiz blocks with {@link QuizNode}s.
   */
  private static final class MarkerVisitor extends AbstractVisitor {
    private final String source;
    private final List<Runnable> edits = new ArrayList<>();

    MarkerVisitor(String source) {
      this.source = source;
    }

    @Override
    public void visit(org.commonmark.node.Document document) {
      visitChildren(document);
      edits.forEach(Runnable::run);
    }

    @Override
    public void visit(Code code) {
      if (!(code.getNext() instanceof Text text)) {
        return;
      }
      KatacodaMarker.Found found = KatacodaMarker.at(text.getLiteral());
      if (found == null) {
        return;
      }
      String rest = text.getLiteral().substring(found.end());
      KatacodaAction action = new KatacodaAction(found.marker(), literal(code), false);
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

    /**
     * The code as written: CommonMark turns the line breaks of a code span into spaces, which would
     * join the lines of a multi-line command (Katacoda runs them as lines).
     */
    private String literal(Code code) {
      List<SourceSpan> spans = code.getSourceSpans();
      if (spans.size() < 2) {
        return code.getLiteral();
      }
      List<String> lines = new ArrayList<>();
      for (SourceSpan span : spans) {
        lines.add(source.substring(span.getInputIndex(), span.getInputIndex() + span.getLength()));
      }
      String written = String.join("\n", lines);
      int ticks = 0;
      while (ticks < written.length() && written.charAt(ticks) == '`') {
        ticks++;
      }
      if (written.length() < 2 * ticks) {
        return code.getLiteral();
      }
      String inner = written.substring(ticks, written.length() - ticks);
      if (inner.length() > 2 && inner.startsWith(" ") && inner.endsWith(" ") && !inner.isBlank()) {
        inner = inner.substring(1, inner.length() - 1);
      }
      return inner;
    }

    @Override
    public void visit(FencedCodeBlock block) {
      String info = block.getInfo() == null ? "" : block.getInfo().trim();
      String[] words = info.split("\\s+", 3);
      String literal = block.getLiteral();
      String text = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
      Node replacement;
      if (words[0].equals(MarkedSource.MARKER_INFO)) {
        KatacodaMarker marker =
            KatacodaMarker.parse(
                words.length > 1 ? words[1] : null, words.length > 2 ? words[2] : null);
        replacement = new KatacodaAction(marker, text, true);
      } else if (words[0].equals(MarkedSource.QUIZ_INFO)) {
        replacement = new QuizNode(KatacodaQuiz.parse(text));
      } else {
        return;
      }
      edits.add(
          () -> {
            block.insertBefore(replacement);
            block.unlink();
          });
    }
  }

  private static final class ActionRenderer implements NodeRenderer {
    private final HtmlWriter html;
    private int quizzes;

    ActionRenderer(HtmlNodeRendererContext context) {
      this.html = context.getWriter();
    }

    @Override
    public Set<Class<? extends Node>> getNodeTypes() {
      return Set.of(KatacodaAction.class, QuizNode.class);
    }

    @Override
    public void render(Node node) {
      if (node instanceof QuizNode quiz) {
        QuizHtml.write(html, quiz.quiz(), ++quizzes);
        return;
      }
      KatacodaAction a = (KatacodaAction) node;
      KatacodaMarker m = a.marker();
      // a command shows what it runs: its host URLs as the shell reaches them
      String text =
          m.kind() == KatacodaMarker.Kind.OPEN
              ? a.text()
              : KatacodaHostUrls.inCommand(withoutPrompt(a.text()));
      if (a.block()) {
        html.tag("div", Map.of("class", "action-block"));
      }
      Map<String, String> attrs = new LinkedHashMap<>();
      String element = "button";
      switch (m.kind()) {
        case EXECUTE -> executeAttributes(m, text, attrs);
        case COPY -> {
          attrs.put("type", "button");
          attrs.put("class", "copy");
          attrs.put("data-text", text);
          attrs.put("title", "Copy to the clipboard");
        }
        case OPEN -> {
          element = "a";
          attrs.put("href", "#panel-editor");
          attrs.put("class", "open-file");
          attrs.put("data-path", LessonPaths.resolve(text));
          attrs.put("title", "Open in the editor");
        }
        default -> element = null;
      }
      if (element == null && a.block()) {
        html.tag("pre");
      }
      if (element != null) {
        html.tag(element, attrs);
      }
      html.tag("code", a.block() ? Map.of("class", "block") : Map.of());
      html.text(text);
      html.tag("/code");
      if (element != null) {
        html.tag("/" + element);
      }
      if (element == null && a.block()) {
        html.tag("/pre");
      }
      if (m.kind() == KatacodaMarker.Kind.EXECUTE && "HOST2".equals(m.host())) {
        html.tag("small", Map.of("class", "marker-note"));
        html.text(
            "(Traffic Lab has one host: this runs there, in "
                + (m.terminal() == null ? "the terminal" : "terminal " + m.terminal())
                + ", not on a second host)");
        html.tag("/small");
      }
      if (a.block()) {
        html.tag("/div");
        html.line();
      }
    }

    private static void executeAttributes(
        KatacodaMarker m, String text, Map<String, String> attrs) {
      attrs.put("type", "button");
      attrs.put("class", "execute");
      String where = m.terminal() == null ? "the terminal" : "terminal " + m.terminal();
      if (m.ctrlSeq()) {
        attrs.put("data-keys", text.strip());
      } else {
        attrs.put("data-command", text);
      }
      if (m.terminal() != null) {
        attrs.put("data-terminal", m.terminal());
      }
      if (m.interrupt()) {
        attrs.put("data-interrupt", "true");
      }
      if (m.noNewline() && !m.ctrlSeq()) {
        attrs.put("data-no-newline", "true");
      }
      if (m.host() != null) {
        attrs.put("data-host", m.host());
      }
      if (m.name() != null) {
        attrs.put("data-name", m.name());
      }
      String title;
      if (m.ctrlSeq()) {
        title = "Press " + text.strip() + " in " + where;
      } else if (m.noNewline()) {
        title = (m.interrupt() ? "Press Ctrl+C, then type" : "Type") + " this in " + where;
      } else {
        title = (m.interrupt() ? "Press Ctrl+C, then run" : "Run") + " this command in " + where;
      }
      attrs.put("title", title);
    }

    /**
     * A {@code $ } prompt copied along with a command (seen in real scenarios) would be typed into
     * the shell: it goes from the start of each line that has one.
     */
    private static String withoutPrompt(String text) {
      return text.replaceAll("(?m)^\\$ ", "");
    }
  }

  /** A quiz question in the document. */
  static final class QuizNode extends org.commonmark.node.CustomBlock {
    private final KatacodaQuiz quiz;

    QuizNode(KatacodaQuiz quiz) {
      this.quiz = quiz;
    }

    KatacodaQuiz quiz() {
      return quiz;
    }
  }
}
