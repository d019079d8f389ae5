package dev.trafficlab.terminal.syntax;

import dev.trafficlab.terminal.syntax.Ast.AndOr;
import dev.trafficlab.terminal.syntax.Ast.Assignment;
import dev.trafficlab.terminal.syntax.Ast.Command;
import dev.trafficlab.terminal.syntax.Ast.ForLoop;
import dev.trafficlab.terminal.syntax.Ast.Group;
import dev.trafficlab.terminal.syntax.Ast.Heredoc;
import dev.trafficlab.terminal.syntax.Ast.Lit;
import dev.trafficlab.terminal.syntax.Ast.Part;
import dev.trafficlab.terminal.syntax.Ast.Pipeline;
import dev.trafficlab.terminal.syntax.Ast.Redirect;
import dev.trafficlab.terminal.syntax.Ast.Script;
import dev.trafficlab.terminal.syntax.Ast.Simple;
import dev.trafficlab.terminal.syntax.Ast.Subst;
import dev.trafficlab.terminal.syntax.Ast.Var;
import dev.trafficlab.terminal.syntax.Ast.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser for the lab's shell: words with quotes, escapes, $VAR, ${VAR}, $(...)
 * and backquotes, ';' '&&' '||' '|', redirections, here-documents, for loops, { } and ( ) groups, #
 * comments. Depth of nested substitutions and groups is bounded.
 */
public final class Parser {
  /** How deeply $(...), backquotes, loops and groups may nest. */
  public static final int MAX_NESTING = 8;

  /** Reserved words that cannot start a command. */
  private static final Set<String> CLOSERS =
      Set.of("do", "done", "then", "elif", "else", "fi", "esac", "}", "in");

  private static final Set<String> UNSUPPORTED = Set.of("select", "coproc");

  private final String src;
  private int pos;
  private int depth;
  private final List<Heredoc> pendingHeredocs = new ArrayList<>();
  // true when only asking whether the text is complete: an open here-document or a trailing
  // backslash then means "more lines to come" instead of ending at the end of the text
  private boolean checking;

  private Parser(String src) {
    this.src = src;
  }

  public static Script parse(String text) throws ParseException {
    return parse(text, false);
  }

  /**
   * True when the typed text cannot run yet because it stops inside a construct that more lines
   * would finish: an open quote, $( or backquote, a trailing backslash, |, && or ||, a
   * here-document before its delimiter line, or for/while/until/if/case/{ }/( )/a function body
   * without its end. A terminal then shows the "> " prompt and sends the whole text once complete.
   * False for complete text and for text with a syntax error more lines cannot mend (bash reports
   * that at once).
   */
  public static boolean needsMoreInput(String text) {
    try {
      parse(text, true);
      return false;
    } catch (ParseException e) {
      return e.atEndOfInput();
    }
  }

  private static Script parse(String text, boolean checking) throws ParseException {
    // lines pasted from Windows or saved with CRLF: a here-document's "EOF\r" must still close it
    Parser p = new Parser(text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n"));
    p.checking = checking;
    Script s = p.script(Set.of(), false);
    if (p.pos < p.src.length()) {
      throw p.unexpected();
    }
    p.readHeredocBodies();
    if (!p.pendingHeredocs.isEmpty()) {
      if (checking) {
        throw ParseException.endOfInput(
            "here-document delimited by end-of-file (wanted `"
                + p.pendingHeredocs.get(0).delimiter()
                + "')");
      }
      p.endHeredocsAtEof();
    }
    return s;
  }

  // ---- grammar ----

  private Script script(Set<String> stopWords, boolean stopAtParen) throws ParseException {
    List<AndOr> items = new ArrayList<>();
    while (true) {
      skipSeparators();
      if (pos >= src.length()) {
        break;
      }
      char c = src.charAt(pos);
      if (c == ')' && stopAtParen) {
        break;
      }
      if (at(";;") && stopWords.contains(";;")) {
        break;
      }
      if (c == ')' || c == ';' || c == '&' || c == '|') {
        throw unexpected();
      }
      String w = peekKeyword();
      if (w != null && stopWords.contains(w)) {
        break;
      }
      items.add(andOr(stopWords));
      skipBlanks();
      if (pos < src.length()) {
        char n = src.charAt(pos);
        if (n == ';') {
          if (at(";;") && stopWords.contains(";;")) {
            break;
          }
          if (at(";;")) {
            throw new ParseException("syntax error near unexpected token `;;'");
          }
          pos++;
        } else if (n == '\n') {
          // the separator loop reads it (and any here-documents waiting for it)
        } else if (n == ')' && stopAtParen) {
          break;
        } else if (n == '&') {
          throw new ParseException("background jobs (&) are not supported by the lab's shell");
        } else if (peekKeyword() != null && stopWords.contains(peekKeyword())) {
          throw unexpected();
        } else {
          throw unexpected();
        }
      }
    }
    return new Script(items);
  }

  private AndOr andOr(Set<String> stopWords) throws ParseException {
    List<Pipeline> pipes = new ArrayList<>();
    List<String> ops = new ArrayList<>();
    pipes.add(pipeline(stopWords));
    while (true) {
      skipBlanks();
      String op = at("&&") ? "&&" : at("||") ? "||" : null;
      if (op == null) {
        return new AndOr(pipes, ops);
      }
      pos += 2;
      skipLinebreaks();
      ops.add(op);
      pipes.add(pipeline(stopWords));
    }
  }

  private Pipeline pipeline(Set<String> stopWords) throws ParseException {
    skipBlanks();
    boolean negated = false;
    if (at("!") && pos + 1 < src.length() && Character.isWhitespace(src.charAt(pos + 1))) {
      negated = true;
      pos++;
    }
    List<Command> cmds = new ArrayList<>();
    cmds.add(command(stopWords));
    while (true) {
      skipBlanks();
      if (at("|") && !at("||")) {
        pos++;
        skipLinebreaks();
        cmds.add(command(stopWords));
      } else {
        return new Pipeline(cmds, negated);
      }
    }
  }

  private Command command(Set<String> stopWords) throws ParseException {
    skipBlanks();
    if (pos >= src.length()) {
      throw ParseException.endOfInput("syntax error: unexpected end of file");
    }
    String kw = peekKeyword();
    if ("for".equals(kw)) {
      return forLoop();
    }
    if ("while".equals(kw) || "until".equals(kw)) {
      return whileLoop(kw);
    }
    if ("if".equals(kw)) {
      return ifCommand();
    }
    if ("case".equals(kw)) {
      return caseCommand();
    }
    if ("function".equals(kw)) {
      return functionDef(true);
    }
    if ("[[".equals(kw)) {
      return testCommand();
    }
    if ("{".equals(kw)) {
      pos++;
      enter();
      Script body = script(Set.of("}"), false);
      requireKeyword("}", body);
      depth--;
      return new Group(body, false, redirects());
    }
    if (at("((")) {
      int end = arithEnd(pos + 2);
      if (end >= 0) {
        Word expr = arithWord(src.substring(pos + 2, end));
        pos = end + 2;
        return new Ast.ArithCommand(expr, redirects());
      }
    }
    if (at("(")) {
      pos++;
      enter();
      Script body = script(Set.of(), true);
      if (!at(")")) {
        throw ParseException.endOfInput("syntax error: unexpected end of file");
      }
      pos++;
      depth--;
      return new Group(body, true, redirects());
    }
    if (kw != null && UNSUPPORTED.contains(kw)) {
      throw new ParseException(kw + ": not supported by the lab's shell");
    }
    if (kw != null && (stopWords.contains(kw) || CLOSERS.contains(kw))) {
      throw new ParseException("syntax error near unexpected token `" + kw + "'");
    }
    if (functionAhead()) {
      return functionDef(false);
    }
    List<Assignment> assigns = new ArrayList<>();
    List<Word> words = new ArrayList<>();
    List<Redirect> redirects = new ArrayList<>();
    while (true) {
      skipBlanks();
      if (pos >= src.length()) {
        break;
      }
      Redirect r = redirect();
      if (r != null) {
        redirects.add(r);
        continue;
      }
      char c = src.charAt(pos);
      if (isMeta(c)) {
        break;
      }
      if (c == '#' && words.isEmpty() && assigns.isEmpty()) {
        skipComment();
        break;
      }
      if (c == '#') {
        skipComment();
        break;
      }
      Word w = word();
      if (words.isEmpty()) {
        Assignment a = asAssignment(w);
        if (a != null) {
          assigns.add(a);
          continue;
        }
      }
      words.add(w);
    }
    if (words.isEmpty() && assigns.isEmpty() && redirects.isEmpty()) {
      throw unexpected();
    }
    return new Simple(assigns, words, redirects);
  }

  private Command whileLoop(String kw) throws ParseException {
    expectKeyword(kw);
    enter();
    Script cond = script(Set.of("do"), false);
    requireKeyword("do", cond);
    Script body = script(Set.of("done"), false);
    requireKeyword("done", body);
    depth--;
    return new Ast.WhileLoop(cond, body, kw.equals("until"), redirects());
  }

  private Command ifCommand() throws ParseException {
    expectKeyword("if");
    enter();
    List<Ast.Branch> branches = new ArrayList<>();
    Script otherwise = null;
    while (true) {
      Script cond = script(Set.of("then"), false);
      requireKeyword("then", cond);
      Script body = script(Set.of("elif", "else", "fi"), false);
      String next = closing(body, "elif", "else", "fi");
      branches.add(new Ast.Branch(cond, body));
      if (next.equals("fi")) {
        break;
      }
      if (next.equals("else")) {
        otherwise = script(Set.of("fi"), false);
        requireKeyword("fi", otherwise);
        break;
      }
    }
    depth--;
    return new Ast.IfCommand(branches, otherwise, redirects());
  }

  private Command caseCommand() throws ParseException {
    expectKeyword("case");
    enter();
    skipBlanks();
    if (pos >= src.length()) {
      throw ParseException.endOfInput("syntax error: unexpected end of file");
    }
    if (isMeta(src.charAt(pos))) {
      throw unexpected();
    }
    Word subject = word();
    skipSeparators();
    if (pos >= src.length()) {
      throw ParseException.endOfInput("syntax error: unexpected end of file");
    }
    expectKeyword("in");
    List<Ast.CaseItem> items = new ArrayList<>();
    while (true) {
      skipSeparators();
      if (pos >= src.length()) {
        throw ParseException.endOfInput("syntax error: unexpected end of file");
      }
      if ("esac".equals(peekKeyword())) {
        pos += 4;
        break;
      }
      if (at("(")) {
        pos++;
      }
      List<Word> patterns = new ArrayList<>();
      while (true) {
        skipBlanks();
        if (pos >= src.length()) {
          throw ParseException.endOfInput("syntax error: unexpected end of file");
        }
        if (isMeta(src.charAt(pos))) {
          throw unexpected();
        }
        patterns.add(word());
        skipBlanks();
        if (at("|")) {
          pos++;
          continue;
        }
        if (at(")")) {
          pos++;
          break;
        }
        throw pos >= src.length()
            ? ParseException.endOfInput("syntax error: unexpected end of file")
            : unexpected();
      }
      Script body = script(Set.of("esac", ";;"), false);
      items.add(new Ast.CaseItem(patterns, body));
      skipBlanks();
      if (at(";&") || at(";;&")) {
        throw new ParseException(
            "case fall-through (;& and ;;&) is not supported by the lab's shell");
      }
      if (at(";;")) {
        pos += 2;
      } else if (pos >= src.length()) {
        throw ParseException.endOfInput("syntax error: unexpected end of file");
      } else if (!"esac".equals(peekKeyword())) {
        throw unexpected();
      }
    }
    depth--;
    return new Ast.CaseCommand(subject, items, redirects());
  }

  /** NAME() BODY (the name is next) or function NAME [()] BODY. */
  private Command functionDef(boolean keyword) throws ParseException {
    int start = pos;
    if (keyword) {
      expectKeyword("function");
      skipBlanks();
    }
    int nameStart = pos;
    while (pos < src.length() && isNameChar(src.charAt(pos))) {
      pos++;
    }
    String name = src.substring(nameStart, pos);
    if (name.isEmpty() || CLOSERS.contains(name)) {
      throw pos >= src.length()
          ? ParseException.endOfInput("syntax error: unexpected end of file")
          : unexpected();
    }
    if (!name.matches("[A-Za-z_][A-Za-z0-9_.:-]*")) {
      throw new ParseException("`" + name + "': not a valid identifier");
    }
    skipBlanks();
    if (at("(")) {
      pos++;
      skipBlanks();
      if (!at(")")) {
        throw unexpected();
      }
      pos++;
    } else if (!keyword) {
      throw unexpected();
    }
    skipSeparators();
    if (pos >= src.length()) {
      throw ParseException.endOfInput("syntax error: unexpected end of file");
    }
    enter();
    Command body = command(Set.of());
    depth--;
    if (body instanceof Simple || body instanceof Ast.FunctionDef) {
      throw new ParseException("syntax error near unexpected token `" + name + "'");
    }
    return new Ast.FunctionDef(name, body, src.substring(start, pos).strip());
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':';
  }

  /** True when a NAME() function definition starts here. */
  private boolean functionAhead() {
    int p = pos;
    while (p < src.length() && isNameChar(src.charAt(p))) {
      p++;
    }
    if (p == pos) {
      return false;
    }
    while (p < src.length() && (src.charAt(p) == ' ' || src.charAt(p) == '\t')) {
      p++;
    }
    if (p >= src.length() || src.charAt(p) != '(') {
      return false;
    }
    p++;
    while (p < src.length() && (src.charAt(p) == ' ' || src.charAt(p) == '\t')) {
      p++;
    }
    return p < src.length() && src.charAt(p) == ')';
  }

  /** [[ WORDS ]]: operators are words here, and nothing is split or globbed. */
  private Command testCommand() throws ParseException {
    expectKeyword("[[");
    List<Word> words = new ArrayList<>();
    List<Boolean> patterns = new ArrayList<>();
    boolean patternNext = false;
    while (true) {
      skipBlanks();
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        throw pos >= src.length()
            ? ParseException.endOfInput("syntax error: unexpected end of file")
            : new ParseException("syntax error in conditional expression");
      }
      if ("]]".equals(peekKeyword())) {
        pos += 2;
        break;
      }
      String op = null;
      for (String o : List.of("&&", "||", "(", ")", "<", ">", "!")) {
        if (at(o) && (!o.equals("!") || pos + 1 >= src.length() || isMeta(src.charAt(pos + 1)))) {
          op = o;
          break;
        }
      }
      Word w;
      if (op != null) {
        pos += op.length();
        w = new Word(List.of(new Lit(op, false)));
      } else if (isMeta(src.charAt(pos))) {
        throw new ParseException("syntax error in conditional expression");
      } else {
        w = word();
      }
      boolean unquoted = false;
      for (Part part : w.parts()) {
        unquoted |= part instanceof Lit l && !l.quoted();
      }
      words.add(w);
      patterns.add(patternNext && unquoted);
      String lit = w.bareLiteral();
      patternNext = op == null && ("==".equals(lit) || "!=".equals(lit) || "=".equals(lit));
    }
    return new Ast.TestCommand(words, patterns, redirects());
  }

  /**
   * After a body: the closing keyword, which must be one of {@code allowed}. An empty body is
   * bash's syntax error; the end of the text asks for more lines.
   */
  private String closing(Script body, String... allowed) throws ParseException {
    skipSeparators();
    if (pos >= src.length()) {
      throw ParseException.endOfInput("syntax error: unexpected end of file");
    }
    String kw = peekKeyword();
    if (kw == null || !List.of(allowed).contains(kw)) {
      throw unexpected();
    }
    if (body.items().isEmpty()) {
      throw unexpected();
    }
    pos += kw.length();
    return kw;
  }

  private void requireKeyword(String kw, Script body) throws ParseException {
    closing(body, kw);
  }

  /** Where the )) closing an arithmetic expression starting at from is, or -1. */
  private int arithEnd(int from) {
    int depthHere = 0;
    for (int i = from; i < src.length(); i++) {
      char c = src.charAt(i);
      if (c == '(') {
        depthHere++;
      } else if (c == ')') {
        if (depthHere == 0) {
          return i + 1 < src.length() && src.charAt(i + 1) == ')' ? i : -1;
        }
        depthHere--;
      }
    }
    return -1;
  }

  /** The text of $(( )) or (( )): $VAR, ${..}, $( ) and backquotes expand in it, as in "...". */
  private Word arithWord(String text) throws ParseException {
    if (++depth > MAX_NESTING) {
      throw tooDeep();
    }
    try {
      return heredocWord(text, false);
    } catch (ParseException e) {
      throw new ParseException(e.getMessage());
    } finally {
      depth--;
    }
  }

  private Command forLoop() throws ParseException {
    expectKeyword("for");
    skipBlanks();
    Word nameWord = word();
    String name = nameWord.bareLiteral();
    if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new ParseException("`" + (name == null ? "?" : name) + "': not a valid identifier");
    }
    skipBlanks();
    List<Word> items = new ArrayList<>();
    if ("in".equals(peekKeyword())) {
      expectKeyword("in");
      while (true) {
        skipBlanks();
        if (pos >= src.length() || src.charAt(pos) == ';' || src.charAt(pos) == '\n') {
          break;
        }
        if (isMeta(src.charAt(pos))) {
          throw unexpected();
        }
        items.add(word());
      }
    } else {
      items = null;
    }
    skipBlanks();
    if (at(";")) {
      pos++;
    }
    skipSeparators();
    if (!"do".equals(peekKeyword())) {
      throw pos >= src.length()
          ? ParseException.endOfInput("syntax error: unexpected end of file")
          : unexpected();
    }
    expectKeyword("do");
    enter();
    Script body = script(Set.of("done"), false);
    requireKeyword("done", body);
    depth--;
    return new ForLoop(
        name,
        items == null ? List.of(new Word(List.of(new Var("@", true, null, null)))) : items,
        body,
        redirects());
  }

  private List<Redirect> redirects() throws ParseException {
    List<Redirect> out = new ArrayList<>();
    while (true) {
      skipBlanks();
      Redirect r = redirect();
      if (r == null) {
        return out;
      }
      out.add(r);
    }
  }

  /** A redirection at the current position, or null (position unchanged). */
  private Redirect redirect() throws ParseException {
    int start = pos;
    int fd;
    String op;
    if (at("&>>")) {
      fd = -1;
      op = ">>";
      pos += 3;
    } else if (at("&>")) {
      fd = -1;
      op = ">";
      pos += 2;
    } else {
      fd = -2;
      if (pos < src.length()
          && Character.isDigit(src.charAt(pos))
          && pos + 1 < src.length()
          && (src.charAt(pos + 1) == '>' || src.charAt(pos + 1) == '<')) {
        fd = src.charAt(pos) - '0';
        pos++;
      }
      if (at("<<<")) {
        throw new ParseException(
            "here-strings (<<<) are not supported by the lab's shell; use a here-document (<<EOF)");
      } else if (at("<<")) {
        pos += 2;
        boolean strip = false;
        if (at("-")) {
          strip = true;
          pos++;
        }
        skipBlanks();
        if (pos >= src.length() || isMeta(src.charAt(pos))) {
          throw unexpected();
        }
        int wstart = pos;
        Word delim = word();
        String raw = src.substring(wstart, pos);
        boolean quoted = raw.contains("'") || raw.contains("\"") || raw.contains("\\");
        String d = literalText(delim);
        Heredoc h = new Heredoc(d, quoted, strip);
        pendingHeredocs.add(h);
        return new Redirect(0, "<<", null, h);
      } else if (at(">&")) {
        pos += 2;
        op = ">&";
      } else if (at(">>")) {
        pos += 2;
        op = ">>";
      } else if (at(">|")) {
        pos += 2;
        op = ">";
      } else if (at(">")) {
        pos++;
        op = ">";
      } else if (at("<")) {
        pos++;
        op = "<";
      } else {
        pos = start;
        return null;
      }
      if (fd == -2) {
        fd = op.equals("<") ? 0 : 1;
      }
    }
    skipBlanks();
    if (pos >= src.length() || isMeta(src.charAt(pos))) {
      throw pos >= src.length()
          ? new ParseException("syntax error near unexpected token `newline'")
          : unexpected();
    }
    return new Redirect(fd, op, word(), null);
  }

  private static String literalText(Word w) {
    StringBuilder sb = new StringBuilder();
    for (Part p : w.parts()) {
      if (p instanceof Lit l) {
        sb.append(l.text());
      } else if (p instanceof Var v) {
        sb.append('$').append(v.name());
      }
    }
    return sb.toString();
  }

  private static Assignment asAssignment(Word w) {
    if (w.parts().isEmpty() || !(w.parts().get(0) instanceof Lit first) || first.quoted()) {
      return null;
    }
    int eq = first.text().indexOf('=');
    if (eq <= 0 || !first.text().substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
      return null;
    }
    List<Part> value = new ArrayList<>();
    String rest = first.text().substring(eq + 1);
    if (!rest.isEmpty()) {
      value.add(new Lit(rest, false));
    }
    value.addAll(w.parts().subList(1, w.parts().size()));
    // The value of an assignment is not split into fields: mark its literal and expansion parts
    // quoted.
    List<Part> q = new ArrayList<>();
    for (Part p : value) {
      if (p instanceof Lit l) {
        q.add(new Lit(l.text(), true));
      } else if (p instanceof Var v) {
        q.add(new Var(v.name(), true, v.op(), v.arg()));
      } else if (p instanceof Subst s) {
        q.add(new Subst(s.script(), true));
      } else if (p instanceof Ast.Arith a) {
        q.add(new Ast.Arith(a.expression(), true));
      }
    }
    return new Assignment(first.text().substring(0, eq), new Word(q));
  }

  // ---- words ----

  private Word word() throws ParseException {
    List<Part> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (isMeta(c)) {
        break;
      }
      if (c == '\\') {
        if (pos + 1 >= src.length()) {
          if (checking) {
            throw ParseException.endOfInput("a trailing backslash continues the line");
          }
          pos++;
          break;
        }
        char n = src.charAt(pos + 1);
        pos += 2;
        if (n == '\n') {
          continue;
        }
        flush(parts, lit, false);
        parts.add(new Lit(String.valueOf(n), true));
      } else if (c == '\'') {
        flush(parts, lit, false);
        int end = src.indexOf('\'', pos + 1);
        if (end < 0) {
          throw ParseException.endOfInput("unexpected EOF while looking for matching `''");
        }
        parts.add(new Lit(src.substring(pos + 1, end), true));
        pos = end + 1;
      } else if (c == '"') {
        flush(parts, lit, false);
        pos++;
        doubleQuoted(parts);
      } else if (c == '$' && expansionFollows()) {
        flush(parts, lit, false);
        parts.add(dollar(false));
      } else if (c == '`') {
        flush(parts, lit, false);
        parts.add(backquote(false));
      } else {
        lit.append(c);
        pos++;
      }
    }
    flush(parts, lit, false);
    return new Word(parts);
  }

  private void doubleQuoted(List<Part> parts) throws ParseException {
    StringBuilder lit = new StringBuilder();
    boolean any = false;
    while (true) {
      if (pos >= src.length()) {
        throw ParseException.endOfInput("unexpected EOF while looking for matching `\"'");
      }
      char c = src.charAt(pos);
      if (c == '"') {
        pos++;
        break;
      }
      if (c == '\\' && pos + 1 < src.length() && "$`\"\\\n".indexOf(src.charAt(pos + 1)) >= 0) {
        if (src.charAt(pos + 1) != '\n') {
          lit.append(src.charAt(pos + 1));
        }
        pos += 2;
      } else if (c == '$' && expansionFollows()) {
        any |= flush(parts, lit, true);
        parts.add(dollar(true));
        any = true;
      } else if (c == '`') {
        any |= flush(parts, lit, true);
        parts.add(backquote(true));
        any = true;
      } else {
        lit.append(c);
        pos++;
      }
    }
    if (!flush(parts, lit, true) && !any) {
      parts.add(new Lit("", true));
    }
  }

  private boolean expansionFollows() {
    if (pos + 1 >= src.length()) {
      return false;
    }
    char n = src.charAt(pos + 1);
    return n == '{'
        || n == '('
        || n == '?'
        || n == '$'
        || n == '#'
        || n == '@'
        || n == '*'
        || n == '!'
        || Character.isLetterOrDigit(n)
        || n == '_';
  }

  private Part dollar(boolean quoted) throws ParseException {
    pos++; // $
    char c = src.charAt(pos);
    if (c == '(') {
      if (at("((")) {
        int end = arithEnd(pos + 2);
        if (end >= 0) {
          Word expr = arithWord(src.substring(pos + 2, end));
          pos = end + 2;
          return new Ast.Arith(expr, quoted);
        }
      }
      pos++;
      enter();
      Script s = script(Set.of(), true);
      if (!at(")")) {
        throw ParseException.endOfInput("unexpected EOF while looking for matching `)'");
      }
      pos++;
      depth--;
      return new Subst(s, quoted);
    }
    if (c == '{') {
      int end = src.indexOf('}', pos);
      if (end < 0) {
        throw ParseException.endOfInput("unexpected EOF while looking for matching `}'");
      }
      String inner = src.substring(pos + 1, end);
      int innerStart = pos + 1;
      pos = end + 1;
      return braced(inner, innerStart, quoted);
    }
    if (Character.isDigit(c) || "?$#@*!".indexOf(c) >= 0) {
      pos++;
      return new Var(String.valueOf(c), quoted, null, null);
    }
    int start = pos;
    while (pos < src.length()
        && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
      pos++;
    }
    return new Var(src.substring(start, pos), quoted, null, null);
  }

  private Part braced(String inner, int at, boolean quoted) throws ParseException {
    if (inner.startsWith("#") && inner.length() > 1) {
      String n = inner.substring(1);
      checkName(n);
      return new Var(n, quoted, "#", null);
    }
    int i = 0;
    if (!inner.isEmpty()
        && ("?$#@*".indexOf(inner.charAt(0)) >= 0 || Character.isDigit(inner.charAt(0)))) {
      i = 1;
    } else {
      while (i < inner.length()
          && (Character.isLetterOrDigit(inner.charAt(i)) || inner.charAt(i) == '_')) {
        i++;
      }
    }
    String name = inner.substring(0, i);
    if (name.isEmpty()) {
      throw new ParseException("${" + inner + "}: bad substitution");
    }
    String rest = inner.substring(i);
    if (rest.isEmpty()) {
      return new Var(name, quoted, null, null);
    }
    for (String op : List.of(":-", ":=", ":+", "-", "=", "+")) {
      if (rest.startsWith(op)) {
        Parser sub = new Parser(rest.substring(op.length()));
        sub.depth = depth + 1;
        if (sub.depth > MAX_NESTING) {
          throw tooDeep();
        }
        Word arg = sub.word();
        if (sub.pos < sub.src.length()) {
          // spaces and other text inside the braces are part of the default value
          arg = new Word(List.of(new Lit(rest.substring(op.length()), true)));
        }
        return new Var(name, quoted, op, arg);
      }
    }
    throw new ParseException("${" + inner + "}: bad substitution");
  }

  private static void checkName(String n) throws ParseException {
    if (!n.matches("[A-Za-z_][A-Za-z0-9_]*|[0-9?#@*$]")) {
      throw new ParseException("${#" + n + "}: bad substitution");
    }
  }

  private Part backquote(boolean quoted) throws ParseException {
    int end = pos + 1;
    StringBuilder inner = new StringBuilder();
    while (end < src.length() && src.charAt(end) != '`') {
      if (src.charAt(end) == '\\'
          && end + 1 < src.length()
          && "$`\\".indexOf(src.charAt(end + 1)) >= 0) {
        end++;
      }
      inner.append(src.charAt(end));
      end++;
    }
    if (end >= src.length()) {
      throw ParseException.endOfInput("unexpected EOF while looking for matching ``'");
    }
    pos = end + 1;
    Parser sub = new Parser(inner.toString());
    sub.depth = depth + 1;
    if (sub.depth > MAX_NESTING) {
      throw tooDeep();
    }
    try {
      Script s = sub.script(Set.of(), false);
      if (sub.pos < sub.src.length()) {
        throw sub.unexpected();
      }
      sub.readHeredocBodies();
      return new Subst(s, quoted);
    } catch (ParseException e) {
      // the backquotes are closed: more lines cannot complete what is inside them
      throw new ParseException(e.getMessage());
    }
  }

  private static boolean flush(List<Part> parts, StringBuilder lit, boolean quoted) {
    if (lit.length() == 0) {
      return false;
    }
    parts.add(new Lit(lit.toString(), quoted));
    lit.setLength(0);
    return true;
  }

  // ---- here-documents ----

  /**
   * At a newline: the lines that follow are the bodies of the here-documents opened on this line.
   */
  private void readHeredocBodies() throws ParseException {
    while (!pendingHeredocs.isEmpty() && pos < src.length()) {
      Heredoc h = pendingHeredocs.remove(0);
      StringBuilder body = new StringBuilder();
      boolean closed = false;
      while (pos < src.length()) {
        int nl = src.indexOf('\n', pos);
        String line = nl < 0 ? src.substring(pos) : src.substring(pos, nl);
        pos = nl < 0 ? src.length() : nl + 1;
        String cmp = h.stripTabs() ? line.replaceFirst("^\t+", "") : line;
        if (cmp.equals(h.delimiter())) {
          closed = true;
          break;
        }
        body.append(cmp).append('\n');
      }
      if (!closed && checking) {
        throw ParseException.endOfInput(
            "here-document delimited by end-of-file (wanted `" + h.delimiter() + "')");
      }
      h.setBody(heredocWord(body.toString(), h.quoted()));
    }
  }

  private void endHeredocsAtEof() {
    for (Heredoc h : pendingHeredocs) {
      h.setBody(new Word(List.of()));
    }
    pendingHeredocs.clear();
  }

  private Word heredocWord(String body, boolean quoted) throws ParseException {
    if (quoted) {
      return new Word(List.of(new Lit(body, true)));
    }
    Parser sub = new Parser(body);
    sub.depth = depth + 1;
    List<Part> parts = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    while (sub.pos < body.length()) {
      char c = body.charAt(sub.pos);
      if (c == '\\'
          && sub.pos + 1 < body.length()
          && "$`\\\n".indexOf(body.charAt(sub.pos + 1)) >= 0) {
        if (body.charAt(sub.pos + 1) != '\n') {
          lit.append(body.charAt(sub.pos + 1));
        }
        sub.pos += 2;
      } else if (c == '$' && sub.expansionFollows()) {
        flush(parts, lit, true);
        parts.add(sub.dollar(true));
      } else if (c == '`') {
        flush(parts, lit, true);
        parts.add(sub.backquote(true));
      } else {
        lit.append(c);
        sub.pos++;
      }
    }
    flush(parts, lit, true);
    return new Word(parts);
  }

  // ---- lexical helpers ----

  private static boolean isMeta(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '<'
        || c == '>' || c == '(' || c == ')' || c == '\r';
  }

  private boolean at(String s) {
    return src.startsWith(s, pos);
  }

  private void skipBlanks() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
        pos += 2;
      } else {
        return;
      }
    }
  }

  private void skipComment() {
    while (pos < src.length() && src.charAt(pos) != '\n') {
      pos++;
    }
  }

  /** Blanks, comments and newlines (reading pending here-documents at each newline). */
  private void skipSeparators() throws ParseException {
    while (true) {
      skipBlanks();
      if (pos < src.length() && src.charAt(pos) == '#') {
        skipComment();
      }
      if (pos < src.length() && src.charAt(pos) == '\n') {
        pos++;
        readHeredocBodies();
        continue;
      }
      return;
    }
  }

  private void skipLinebreaks() throws ParseException {
    skipSeparators();
  }

  /** The next word when it is a bare literal (a possible keyword), without consuming it. */
  private String peekKeyword() {
    int p = pos;
    while (p < src.length() && !isMeta(src.charAt(p)) && "'\"\\$`".indexOf(src.charAt(p)) < 0) {
      p++;
    }
    if (p == pos) {
      return null;
    }
    if (p < src.length() && "'\"\\$`".indexOf(src.charAt(p)) >= 0) {
      return null;
    }
    return src.substring(pos, p);
  }

  private void expectKeyword(String kw) throws ParseException {
    skipBlanks();
    if (!kw.equals(peekKeyword())) {
      throw unexpected();
    }
    pos += kw.length();
  }

  private void enter() throws ParseException {
    if (++depth > MAX_NESTING) {
      throw tooDeep();
    }
  }

  private static ParseException tooDeep() {
    return new ParseException(
        "nesting too deep: at most "
            + MAX_NESTING
            + " levels of $( ), backquotes, loops and groups");
  }

  private ParseException unexpected() {
    if (pos >= src.length()) {
      return ParseException.endOfInput("syntax error: unexpected end of file");
    }
    String tok;
    if (at("&&") || at("||") || at(";;") || at(">>") || at("<<")) {
      tok = src.substring(pos, pos + 2);
    } else if (src.charAt(pos) == '\n') {
      tok = "newline";
    } else {
      String kw = peekKeyword();
      tok = kw != null ? kw : String.valueOf(src.charAt(pos));
    }
    return new ParseException("syntax error near unexpected token `" + tok + "'");
  }
}
