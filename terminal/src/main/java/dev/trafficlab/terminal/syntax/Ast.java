package dev.trafficlab.terminal.syntax;

import java.util.List;

/** The parsed form of a command line: the subset of bash grammar the lab's shell understands. */
public final class Ast {
  private Ast() {}

  /** Items separated by ';' or newlines, run one after another. */
  public record Script(List<AndOr> items) {
    public Script {
      items = List.copyOf(items);
    }
  }

  /** Pipelines joined by "&&" or "||" (ops.get(i) sits between pipelines i and i+1). */
  public record AndOr(List<Pipeline> pipelines, List<String> ops) {
    public AndOr {
      pipelines = List.copyOf(pipelines);
      ops = List.copyOf(ops);
    }
  }

  /** Commands joined by '|'; "!" negates the exit code. */
  public record Pipeline(List<Command> commands, boolean negated) {
    public Pipeline {
      commands = List.copyOf(commands);
    }
  }

  public sealed interface Command permits Simple, ForLoop, Group {
    List<Redirect> redirects();
  }

  /** NAME=value ... word ... with redirections. */
  public record Simple(List<Assignment> assignments, List<Word> words, List<Redirect> redirects)
      implements Command {
    public Simple {
      assignments = List.copyOf(assignments);
      words = List.copyOf(words);
      redirects = List.copyOf(redirects);
    }
  }

  /** for NAME in WORDS; do BODY; done. */
  public record ForLoop(String variable, List<Word> items, Script body, List<Redirect> redirects)
      implements Command {
    public ForLoop {
      items = List.copyOf(items);
      redirects = List.copyOf(redirects);
    }
  }

  /** { BODY; } or ( BODY ): run as one command (a subshell's variables do not leak). */
  public record Group(Script body, boolean subshell, List<Redirect> redirects) implements Command {
    public Group {
      redirects = List.copyOf(redirects);
    }
  }

  public record Assignment(String name, Word value) {}

  /**
   * A redirection. op is one of {@code > >> < <<} or {@code >&} (fd duplication, target "1" or
   * "2"); fd is the redirected descriptor (1 for stdout, 2 for stderr, 0 for stdin, -1 for {@code
   * &>}).
   */
  public record Redirect(int fd, String op, Word target, Heredoc heredoc) {}

  /** A here-document; its body is filled in when the parser reaches the end of the line. */
  public static final class Heredoc {
    private final String delimiter;
    private final boolean quoted;
    private final boolean stripTabs;
    private Word body = new Word(List.of());

    public Heredoc(String delimiter, boolean quoted, boolean stripTabs) {
      this.delimiter = delimiter;
      this.quoted = quoted;
      this.stripTabs = stripTabs;
    }

    public String delimiter() {
      return delimiter;
    }

    public boolean quoted() {
      return quoted;
    }

    public boolean stripTabs() {
      return stripTabs;
    }

    public Word body() {
      return body;
    }

    void setBody(Word body) {
      this.body = body;
    }
  }

  /** One shell word: the concatenation of its parts. */
  public record Word(List<Part> parts) {
    public Word {
      parts = List.copyOf(parts);
    }

    /**
     * The word's text when it is made only of literal parts (keywords, heredoc delimiters), else
     * null.
     */
    public String literal() {
      StringBuilder sb = new StringBuilder();
      for (Part p : parts) {
        if (!(p instanceof Lit l)) {
          return null;
        }
        sb.append(l.text());
      }
      return sb.toString();
    }

    /** The text when the word is one unquoted literal (so it may be a keyword), else null. */
    public String bareLiteral() {
      return parts.size() == 1 && parts.get(0) instanceof Lit l && !l.quoted() ? l.text() : null;
    }
  }

  public sealed interface Part permits Lit, Var, Subst {}

  /** Literal text; quoted text is never split into fields nor globbed. */
  public record Lit(String text, boolean quoted) implements Part {}

  /**
   * $NAME or ${NAME}, or ${NAME:-word} style forms: op is null, ":-", "-", ":=", "=", ":+", "+" or
   * "#" (length).
   */
  public record Var(String name, boolean quoted, String op, Word arg) implements Part {}

  /** $(...) or `...`. */
  public record Subst(Script script, boolean quoted) implements Part {}
}
