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

  public sealed interface Command
      permits Simple,
          ForLoop,
          Group,
          WhileLoop,
          IfCommand,
          CaseCommand,
          FunctionDef,
          ArithCommand,
          TestCommand {
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

  /** while COND; do BODY; done, or until (the body runs while the condition fails). */
  public record WhileLoop(Script condition, Script body, boolean until, List<Redirect> redirects)
      implements Command {
    public WhileLoop {
      redirects = List.copyOf(redirects);
    }
  }

  /** if COND; then BODY; elif COND; then BODY; else BODY; fi ({@code otherwise} may be null). */
  public record IfCommand(List<Branch> branches, Script otherwise, List<Redirect> redirects)
      implements Command {
    public IfCommand {
      branches = List.copyOf(branches);
      redirects = List.copyOf(redirects);
    }
  }

  public record Branch(Script condition, Script body) {}

  /** case WORD in PATTERN|PATTERN) BODY;; ... esac. */
  public record CaseCommand(Word subject, List<CaseItem> items, List<Redirect> redirects)
      implements Command {
    public CaseCommand {
      items = List.copyOf(items);
      redirects = List.copyOf(redirects);
    }
  }

  public record CaseItem(List<Word> patterns, Script body) {
    public CaseItem {
      patterns = List.copyOf(patterns);
    }
  }

  /**
   * NAME() BODY or function NAME BODY: defines a function (the body is a compound command); source
   * is the definition as typed (what type NAME shows).
   */
  public record FunctionDef(String name, Command body, String source) implements Command {
    @Override
    public List<Redirect> redirects() {
      return List.of();
    }
  }

  /** (( EXPRESSION )): status 0 when the expression is not zero. */
  public record ArithCommand(Word expression, List<Redirect> redirects) implements Command {
    public ArithCommand {
      redirects = List.copyOf(redirects);
    }
  }

  /**
   * [[ ... ]]: words are expanded without splitting or globbing; {@code patterns} marks the words
   * right of == and != that hold unquoted text (they match as patterns).
   */
  public record TestCommand(List<Word> words, List<Boolean> patterns, List<Redirect> redirects)
      implements Command {
    public TestCommand {
      words = List.copyOf(words);
      patterns = List.copyOf(patterns);
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

  public sealed interface Part permits Lit, Var, Subst, Arith {}

  /** $(( EXPRESSION )): the expression's text after expansion is evaluated as integers. */
  public record Arith(Word expression, boolean quoted) implements Part {}

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
