package dev.trafficlab.mesh.yaml;

import dev.trafficlab.mesh.model.Pos;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ScannerException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads a (multi-document) YAML or JSON text the way kubectl does, safely: only the parser's event
 * stream is used (no object construction, so no custom types), custom tags are refused, and size,
 * nesting depth and alias expansion are bounded, so a "billion laughs" document is refused instead
 * of expanded.
 */
public final class YamlReader {
  /** Largest text accepted (characters). */
  public static final int MAX_CHARS = 1 << 20;

  /** Deepest nesting of mappings and sequences. */
  public static final int MAX_DEPTH = 100;

  /** Most nodes a document may have once aliases are expanded. */
  public static final int MAX_NODES = 100_000;

  /** Most documents in one text. */
  public static final int MAX_DOCUMENTS = 1_000;

  private static final Set<String> STANDARD_TAGS =
      Set.of(
          "tag:yaml.org,2002:str",
          "tag:yaml.org,2002:int",
          "tag:yaml.org,2002:float",
          "tag:yaml.org,2002:bool",
          "tag:yaml.org,2002:null",
          "tag:yaml.org,2002:map",
          "tag:yaml.org,2002:seq",
          "tag:yaml.org,2002:binary",
          "tag:yaml.org,2002:timestamp",
          "!");

  private YamlReader() {}

  private static final LoadSettings SETTINGS =
      LoadSettings.builder()
          .setLabel("STDIN")
          .setCodePointLimit(MAX_CHARS * 4)
          .setParseComments(false)
          .build();

  /**
   * The non-empty documents of the text; throws {@link YamlSyntaxException} when it cannot be read.
   */
  public static List<YamlDocument> read(String text) {
    if (text.length() > MAX_CHARS) {
      throw new YamlSyntaxException(
          "yaml: input is too large (more than " + MAX_CHARS + " characters)",
          "input is too large (more than " + MAX_CHARS + " characters)",
          new Pos(1, 1));
    }
    List<YamlDocument> docs = new ArrayList<>();
    for (Chunk chunk : GoJsonSyntax.looksLikeJson(text) ? jsonValues(text) : split(text)) {
      YamlNode root = parseChunk(chunk);
      if (root == null || (root instanceof YamlNode.Scalar s && s.isNull())) {
        continue;
      }
      if (docs.size() >= MAX_DOCUMENTS) {
        throw new YamlSyntaxException(
            "yaml: too many documents (more than " + MAX_DOCUMENTS + ")",
            "too many documents (more than " + MAX_DOCUMENTS + ")",
            root.pos());
      }
      docs.add(new YamlDocument(root, chunk.firstLine));
    }
    return List.copyOf(docs);
  }

  private record Chunk(String text, int firstLine) {}

  /** kubectl reads a text starting with "{" as a stream of JSON values. */
  private static List<Chunk> jsonValues(String text) {
    List<Chunk> chunks = new ArrayList<>();
    int line = 1;
    int counted = 0;
    for (int[] v : GoJsonSyntax.values(text)) {
      for (; counted < v[0]; counted++) {
        if (text.charAt(counted) == '\n') {
          line++;
        }
      }
      // Pad with the columns before the value so positions stay those of the whole text.
      int lineStart = text.lastIndexOf('\n', v[0] - 1) + 1;
      chunks.add(new Chunk(" ".repeat(v[0] - lineStart) + text.substring(v[0], v[1]), line));
    }
    return chunks;
  }

  /** kubectl's YAMLReader: a line that is "---" followed only by whitespace separates documents. */
  private static List<Chunk> split(String text) {
    List<Chunk> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int line = 1;
    int chunkStart = 1;
    int i = 0;
    int n = text.length();
    while (i <= n) {
      int end = text.indexOf('\n', i);
      boolean last = end < 0;
      if (last) {
        end = n;
      }
      String l = text.substring(i, end);
      if (l.startsWith("---") && l.substring(3).isBlank()) {
        if (!current.isEmpty()) {
          chunks.add(new Chunk(current.toString(), chunkStart));
        }
        current.setLength(0);
        chunkStart = line + 1;
      } else {
        current.append(l);
        if (!last) {
          current.append('\n');
        }
      }
      line++;
      i = end + 1;
      if (last) {
        break;
      }
    }
    if (!current.isEmpty()) {
      chunks.add(new Chunk(current.toString(), chunkStart));
    }
    return chunks;
  }

  private static YamlNode parseChunk(Chunk chunk) {
    LoadSettings settings = SETTINGS;
    Composer composer = new Composer(chunk.firstLine);
    try {
      ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, chunk.text));
      while (parser.hasNext()) {
        Event ev = parser.next();
        if (composer.accept(ev)) {
          break;
        }
      }
      return composer.root;
    } catch (YamlSyntaxException e) {
      throw e;
    } catch (MarkedYamlEngineException e) {
      throw translate(e, chunk.firstLine);
    } catch (RuntimeException | StackOverflowError e) {
      // The engine throws a few other exception types on odd input; every one of them is a syntax
      // error here.
      String what =
          e.getMessage() == null ? "the text could not be read as YAML" : firstLine(e.getMessage());
      throw new YamlSyntaxException("yaml: " + what, what, new Pos(chunk.firstLine, 1));
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Words and positions as go-yaml (libyaml) reports them, which is what kubectl prints. */
  static YamlSyntaxException translate(MarkedYamlEngineException e, int firstLine) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    String context = e.getContext() == null ? "" : e.getContext();
    String what = goProblem(problem, context);
    boolean scanner = e instanceof ScannerException;
    int problemLine = e.getProblemMark().map(Mark::getLine).orElse(0);
    int contextLine = e.getContextMark().map(Mark::getLine).orElse(0);
    int line = 0;
    if (problemLine != 0) {
      line = scanner ? problemLine + 1 : problemLine;
    } else if (contextLine != 0) {
      line = contextLine;
    }
    String go = line != 0 ? "yaml: line " + line + ": " + what : "yaml: " + what;
    Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
    Pos pos =
        mark.map(m -> new Pos(firstLine + m.getLine(), m.getColumn() + 1))
            .orElse(new Pos(firstLine, 1));
    return new YamlSyntaxException(go, what, pos);
  }

  private static String goProblem(String problem, String context) {
    if (problem.startsWith("mapping values are not allowed")) {
      return "mapping values are not allowed in this context";
    }
    if (problem.contains("that cannot start any token")) {
      return "found character that cannot start any token";
    }
    if (problem.startsWith("expected <block end>")) {
      if (context.contains("block mapping")) {
        return "did not find expected key";
      }
      if (context.contains("block collection")) {
        return "did not find expected '-' indicator";
      }
    }
    if (problem.startsWith("expected ',' or ']'")) {
      return "did not find expected ',' or ']'";
    }
    if (problem.startsWith("expected ',' or '}'")) {
      return "did not find expected ',' or '}'";
    }
    if (problem.startsWith("expected the node content")) {
      return "did not find expected node content";
    }
    if (problem.startsWith("expected '<document start>'")) {
      return "did not find expected <document start>";
    }
    if (problem.startsWith("found undefined alias")) {
      return "unknown anchor '" + problem.substring(problem.lastIndexOf(' ') + 1) + "' referenced";
    }
    return problem;
  }

  /** Builds nodes from parser events with the safety limits. */
  private static final class Composer {
    private final int firstLine;
    private final Deque<Builder> stack = new ArrayDeque<>();
    private final Map<String, YamlNode> anchors = new HashMap<>();
    private final IdentityHashMap<YamlNode, Integer> sizes = new IdentityHashMap<>();
    private long nodes;
    private YamlNode root;
    private boolean seenDocument;

    Composer(int firstLine) {
      this.firstLine = firstLine;
    }

    private Pos pos(Event ev) {
      return ev.getStartMark()
          .map(m -> new Pos(firstLine + m.getLine(), m.getColumn() + 1))
          .orElse(new Pos(firstLine, 1));
    }

    private YamlSyntaxException error(Event ev, String what) {
      Pos p = pos(ev);
      int rel = p.line() - firstLine + 1;
      return new YamlSyntaxException("yaml: line " + rel + ": " + what, what, p);
    }

    /**
     * Returns true when the first document of the chunk is complete (kubectl reads only that one).
     */
    boolean accept(Event ev) {
      switch (ev.getEventId()) {
        case DocumentStart -> {
          if (seenDocument) {
            return true;
          }
          seenDocument = true;
        }
        case DocumentEnd -> {
          return true;
        }
        case Scalar -> {
          ScalarEvent s = (ScalarEvent) ev;
          checkTag(ev, s.getTag());
          add(ev, scalar(s), s.getAnchor());
        }
        case Alias -> {
          AliasEvent a = (AliasEvent) ev;
          String name = a.getAlias().getValue();
          YamlNode target = anchors.get(name);
          if (target == null) {
            throw error(ev, "unknown anchor '" + name + "' referenced");
          }
          nodes += size(target);
          if (nodes > MAX_NODES) {
            throw error(ev, "document contains excessive aliasing");
          }
          add(ev, target, Optional.empty());
        }
        case SequenceStart, MappingStart -> {
          CollectionStartEvent c = (CollectionStartEvent) ev;
          checkTag(ev, c.getTag());
          if (stack.size() >= MAX_DEPTH) {
            throw error(ev, "exceeded max depth of " + MAX_DEPTH);
          }
          stack.push(new Builder(ev.getEventId() == Event.ID.MappingStart, pos(ev), c.getAnchor()));
        }
        case SequenceEnd, MappingEnd -> {
          Builder b = stack.pop();
          YamlNode node = b.build(this, ev);
          add(ev, node, b.anchor);
        }
        default -> {}
      }
      return false;
    }

    private void checkTag(Event ev, Optional<String> tag) {
      if (tag.isPresent() && !STANDARD_TAGS.contains(tag.get())) {
        throw error(ev, "custom tag " + tag.get() + " is not allowed");
      }
    }

    private YamlNode scalar(ScalarEvent s) {
      Pos p = pos(s);
      String text = s.getValue();
      Optional<String> tag = s.getTag();
      if (tag.isPresent() && !tag.get().equals("!")) {
        switch (tag.get()) {
          case "tag:yaml.org,2002:null":
            return new YamlNode.Scalar(null, p);
          case "tag:yaml.org,2002:bool":
            {
              Object v = ScalarResolver.resolvePlain(text);
              return new YamlNode.Scalar(v instanceof Boolean ? v : text, p);
            }
          case "tag:yaml.org,2002:int":
          case "tag:yaml.org,2002:float":
            {
              Object v = ScalarResolver.number(text);
              if (v == null) {
                throw error(
                    s,
                    "cannot decode !!"
                        + tag.get().substring(tag.get().lastIndexOf(':') + 1)
                        + " `"
                        + text
                        + "`");
              }
              return new YamlNode.Scalar(v, p);
            }
          default:
            return new YamlNode.Scalar(text, p);
        }
      }
      if (!s.isPlain() || tag.isPresent()) {
        return new YamlNode.Scalar(text, p);
      }
      return new YamlNode.Scalar(ScalarResolver.resolvePlain(text), p);
    }

    private void add(Event ev, YamlNode node, Optional<Anchor> anchor) {
      nodes++;
      if (nodes > MAX_NODES) {
        throw error(ev, "document contains excessive aliasing or too many nodes");
      }
      anchor.ifPresent(a -> anchors.put(a.getValue(), node));
      if (stack.isEmpty()) {
        if (root == null) {
          root = node;
        }
      } else {
        stack.peek().add(this, ev, node);
      }
    }

    int size(YamlNode n) {
      Integer cached = sizes.get(n);
      if (cached != null) {
        return cached;
      }
      long s = 1;
      if (n instanceof YamlNode.Mapping m) {
        for (YamlNode.Entry e : m.entries()) {
          s += 1 + size(e.value());
        }
      } else if (n instanceof YamlNode.Sequence q) {
        for (YamlNode item : q.items()) {
          s += size(item);
        }
      }
      int v = (int) Math.min(Integer.MAX_VALUE, s);
      sizes.put(n, v);
      return v;
    }
  }

  private static final class Builder {
    final boolean mapping;
    final Pos pos;
    final Optional<Anchor> anchor;
    final List<YamlNode> items = new ArrayList<>();
    final List<YamlNode.Entry> entries = new ArrayList<>();
    final List<YamlNode> merges = new ArrayList<>();
    YamlNode pendingKey;

    Builder(boolean mapping, Pos pos, Optional<Anchor> anchor) {
      this.mapping = mapping;
      this.pos = pos;
      this.anchor = anchor;
    }

    void add(Composer c, Event ev, YamlNode node) {
      if (!mapping) {
        items.add(node);
        return;
      }
      if (pendingKey == null) {
        if (!(node instanceof YamlNode.Scalar)) {
          throw c.error(ev, "invalid map key: only strings, numbers and booleans can be keys");
        }
        pendingKey = node;
        return;
      }
      YamlNode.Scalar k = (YamlNode.Scalar) pendingKey;
      pendingKey = null;
      String key = keyText(k.value());
      if (key.equals("<<")
          && (node instanceof YamlNode.Mapping || node instanceof YamlNode.Sequence)) {
        merges.add(node);
        return;
      }
      entries.add(new YamlNode.Entry(key, k.pos(), node));
    }

    private static String keyText(Object v) {
      if (v == null) {
        return "null";
      }
      if (v instanceof Double d) {
        return d.toString();
      }
      return String.valueOf(v);
    }

    YamlNode build(Composer c, Event ev) {
      if (!mapping) {
        return new YamlNode.Sequence(items, pos);
      }
      if (!merges.isEmpty()) {
        Set<String> own = new HashSet<>();
        entries.forEach(e -> own.add(e.key()));
        List<YamlNode.Entry> merged = new ArrayList<>();
        for (YamlNode m : merges) {
          List<YamlNode> sources = m instanceof YamlNode.Sequence s ? s.items() : List.of(m);
          for (YamlNode src : sources) {
            if (!(src instanceof YamlNode.Mapping sm)) {
              throw c.error(ev, "map merge requires map or sequence of maps as the value");
            }
            for (YamlNode.Entry e : sm.entries()) {
              if (own.add(e.key())) {
                merged.add(e);
              }
            }
          }
        }
        merged.addAll(entries);
        return new YamlNode.Mapping(merged, pos);
      }
      return new YamlNode.Mapping(entries, pos);
    }
  }
}
