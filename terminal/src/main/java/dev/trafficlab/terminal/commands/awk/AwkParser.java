package dev.trafficlab.terminal.commands.awk;

import static dev.trafficlab.terminal.commands.awk.AwkProgram.arith;
import static dev.trafficlab.terminal.commands.awk.AwkProgram.compare;
import static dev.trafficlab.terminal.commands.awk.AwkProgram.input;
import static dev.trafficlab.terminal.commands.awk.AwkProgram.num;
import static dev.trafficlab.terminal.commands.awk.AwkProgram.print;
import static dev.trafficlab.terminal.commands.awk.AwkProgram.regex;
import static dev.trafficlab.terminal.commands.awk.AwkProgram.split;
import static dev.trafficlab.terminal.commands.awk.AwkProgram.sprintf;
import static dev.trafficlab.terminal.commands.awk.AwkProgram.str;
import static dev.trafficlab.terminal.commands.awk.AwkProgram.truthy;

import dev.trafficlab.terminal.commands.awk.AwkProgram.Expr;
import dev.trafficlab.terminal.commands.awk.AwkProgram.FieldZero;
import dev.trafficlab.terminal.commands.awk.AwkProgram.LValue;
import dev.trafficlab.terminal.commands.awk.AwkProgram.RegexExpr;
import dev.trafficlab.terminal.commands.awk.AwkProgram.RegexValue;
import dev.trafficlab.terminal.commands.awk.AwkProgram.Rule;
import dev.trafficlab.terminal.commands.awk.AwkProgram.RunError;
import dev.trafficlab.terminal.commands.awk.AwkProgram.Signal;
import dev.trafficlab.terminal.commands.awk.AwkProgram.State;
import dev.trafficlab.terminal.commands.awk.AwkProgram.Stmt;
import dev.trafficlab.terminal.commands.awk.AwkProgram.StrNum;
import dev.trafficlab.terminal.commands.awk.AwkProgram.SyntaxError;
import dev.trafficlab.terminal.commands.awk.AwkProgram.VarRef;
import dev.trafficlab.terminal.commands.parse.TextCursor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses an awk program text into {@link AwkProgram}'s rules, statements and expressions. */
final class AwkParser extends TextCursor<SyntaxError> {
  AwkParser(String src) {
    super(src);
  }

  SyntaxError error() {
    return new SyntaxError(
        "syntax error at source line 1: near " + (atEnd() ? "end of file" : ahead(10)));
  }

  @Override
  protected void skipBlanks() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
        pos += 2;
      } else if (c == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n') {
          pos++;
        }
      } else {
        return;
      }
    }
  }

  @Override
  protected SyntaxError expected(String token) {
    return error();
  }

  @Override
  protected SyntaxError tooDeep() {
    return new SyntaxError("the program nests too deeply for the lab's awk");
  }

  void skipNewlines() {
    while (true) {
      skipBlanks();
      if (atChar('\n') || atChar(';')) {
        pos++;
      } else {
        return;
      }
    }
  }

  void skipOnlyNewlines() {
    while (true) {
      skipBlanks();
      if (atChar('\n')) {
        pos++;
      } else {
        return;
      }
    }
  }

  void enter() throws SyntaxError {
    enter(AwkProgram.MAX_NESTING);
  }

  AwkProgram program() throws SyntaxError {
    List<Rule> rules = new ArrayList<>();
    while (true) {
      skipNewlines();
      if (atEnd()) {
        break;
      }
      int kind = 0;
      Expr pattern = null;
      if (acceptWord("BEGIN")) {
        kind = 1;
      } else if (acceptWord("END")) {
        kind = 2;
      } else if (!at("{")) {
        pattern = expr();
      }
      Stmt action = null;
      if (at("{")) {
        action = block();
      } else if (kind != 0) {
        throw error();
      }
      rules.add(new Rule(kind, pattern, action));
    }
    return new AwkProgram(rules);
  }

  Stmt block() throws SyntaxError {
    enter();
    expect("{");
    List<Stmt> body = new ArrayList<>();
    while (true) {
      skipNewlines();
      if (accept("}")) {
        break;
      }
      if (atEnd()) {
        throw error();
      }
      body.add(statement());
    }
    leave();
    return s -> {
      for (Stmt st : body) {
        Signal sig = st.run(s);
        if (sig != null) {
          return sig;
        }
      }
      return null;
    };
  }

  Stmt simpleOrBlock() throws SyntaxError {
    skipOnlyNewlines();
    if (at("{")) {
      return block();
    }
    return statement();
  }

  Stmt statement() throws SyntaxError {
    skipBlanks();
    if (at("{")) {
      return block();
    }
    if (acceptWord("if")) {
      expect("(");
      Expr cond = expr();
      expect(")");
      Stmt then = simpleOrBlock();
      int save = pos;
      skipNewlines();
      Stmt otherwise = null;
      if (acceptWord("else")) {
        otherwise = simpleOrBlock();
      } else {
        pos = save;
      }
      Stmt e = otherwise;
      return s -> truthy(cond.eval(s)) ? then.run(s) : e == null ? null : e.run(s);
    }
    if (acceptWord("while")) {
      expect("(");
      Expr cond = expr();
      expect(")");
      Stmt body = simpleOrBlock();
      return s -> {
        while (truthy(cond.eval(s))) {
          s.step();
          Signal sig = body.run(s);
          if (sig == Signal.BREAK) {
            break;
          }
          if (sig == Signal.NEXT || sig == Signal.EXIT) {
            return sig;
          }
        }
        return null;
      };
    }
    if (acceptWord("for")) {
      expect("(");
      int save = pos;
      skipBlanks();
      int nameStart = pos;
      while (pos < src.length() && isIdent(src.charAt(pos))) {
        pos++;
      }
      String var = src.substring(nameStart, pos);
      if (!var.isEmpty() && acceptWord("in")) {
        String array = name();
        expect(")");
        Stmt body = simpleOrBlock();
        return s -> {
          Map<String, Object> a = s.arrays.computeIfAbsent(array, k -> new LinkedHashMap<>());
          for (String k : new ArrayList<>(a.keySet())) {
            s.step();
            s.vars.put(var, input(k));
            Signal sig = body.run(s);
            if (sig == Signal.BREAK) {
              break;
            }
            if (sig == Signal.NEXT || sig == Signal.EXIT) {
              return sig;
            }
          }
          return null;
        };
      }
      pos = save;
      Stmt init = at(";") ? st -> null : simple();
      expect(";");
      Expr cond = at(";") ? st -> 1.0 : expr();
      expect(";");
      Stmt update = at(")") ? st -> null : simple();
      expect(")");
      Stmt body = simpleOrBlock();
      return s -> {
        for (init.run(s); truthy(cond.eval(s)); update.run(s)) {
          s.step();
          Signal sig = body.run(s);
          if (sig == Signal.BREAK) {
            break;
          }
          if (sig == Signal.NEXT || sig == Signal.EXIT) {
            return sig;
          }
        }
        return null;
      };
    }
    Stmt st = simple();
    skipBlanks();
    if (atChar(';')) {
      pos++;
    }
    return st;
  }

  Stmt simple() throws SyntaxError {
    if (acceptWord("next")) {
      return s -> Signal.NEXT;
    }
    if (acceptWord("break")) {
      return s -> Signal.BREAK;
    }
    if (acceptWord("continue")) {
      return s -> Signal.CONTINUE;
    }
    if (acceptWord("exit")) {
      Expr code = endOfStatement() ? null : expr();
      return s -> {
        if (code != null) {
          s.exitCode = (int) num(code.eval(s));
        }
        return Signal.EXIT;
      };
    }
    if (acceptWord("print")) {
      List<Expr> args = new ArrayList<>();
      boolean paren = false;
      if (!endOfStatement()) {
        int save = pos;
        if (accept("(")) {
          // print (a, b): a parenthesised list
          try {
            List<Expr> list = exprList(")");
            if (endOfStatement()) {
              args.addAll(list);
              paren = true;
            } else {
              pos = save;
            }
          } catch (SyntaxError e) {
            pos = save;
          }
        }
        if (!paren) {
          args.addAll(exprList(null));
        }
      }
      if (at(">")) {
        throw new SyntaxError("output redirection in awk is not supported by the lab's shell");
      }
      return s -> print(s, args);
    }
    if (acceptWord("printf")) {
      boolean paren = accept("(");
      List<Expr> args = exprList(paren ? ")" : null);
      if (args.isEmpty()) {
        throw error();
      }
      return s -> {
        List<Object> values = new ArrayList<>();
        for (Expr e : args.subList(1, args.size())) {
          values.add(e.eval(s));
        }
        s.out.append(sprintf(str(args.get(0).eval(s)), values));
        return null;
      };
    }
    if (acceptWord("delete")) {
      String array = name();
      if (accept("[")) {
        Expr key = expr();
        expect("]");
        return s -> {
          s.arrays.computeIfAbsent(array, k -> new LinkedHashMap<>()).remove(str(key.eval(s)));
          return null;
        };
      }
      return s -> {
        s.arrays.remove(array);
        return null;
      };
    }
    Expr e = expr();
    return s -> {
      e.eval(s);
      return null;
    };
  }

  boolean endOfStatement() {
    skipBlanks();
    return atEnd() || ";}\n".indexOf(src.charAt(pos)) >= 0;
  }

  /** Expressions separated by commas; closer is ")" when the list is parenthesised. */
  List<Expr> exprList(String closer) throws SyntaxError {
    List<Expr> list = new ArrayList<>();
    if (closer != null && accept(closer)) {
      return list;
    }
    list.add(expr(closer == null));
    while (accept(",")) {
      skipOnlyNewlines();
      list.add(expr(closer == null));
    }
    if (closer != null) {
      expect(closer);
    }
    return list;
  }

  String name() throws SyntaxError {
    skipBlanks();
    String name = identChars();
    if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
      throw error();
    }
    return name;
  }

  // -- expressions, lowest precedence first; noGt: in print's list, > is a redirection --

  private boolean noGt;

  Expr expr() throws SyntaxError {
    return expr(false);
  }

  Expr expr(boolean inPrint) throws SyntaxError {
    boolean saved = noGt;
    noGt = inPrint;
    enter();
    try {
      return ternary();
    } finally {
      leave();
      noGt = saved;
    }
  }

  Expr ternary() throws SyntaxError {
    Expr c = or();
    if (accept("?")) {
      Expr a = ternary();
      expect(":");
      Expr b = ternary();
      return s -> truthy(c.eval(s)) ? a.eval(s) : b.eval(s);
    }
    return assignmentFrom(c);
  }

  Expr assignmentFrom(Expr target) throws SyntaxError {
    for (String op : List.of("+=", "-=", "*=", "/=", "%=", "^=", "=")) {
      if (at(op) && !at("==")) {
        if (!(target instanceof LValue lv)) {
          throw error();
        }
        pos += op.length();
        Expr value = ternary();
        return s -> {
          Object v = value.eval(s);
          Object r =
              op.equals("=")
                  ? (v instanceof StrNum sn ? sn : v)
                  : arith(op.substring(0, 1), lv.eval(s), v);
          lv.assign(s, r);
          return r;
        };
      }
    }
    return target;
  }

  Expr or() throws SyntaxError {
    Expr left = and();
    while (accept("||")) {
      skipOnlyNewlines();
      Expr a = left;
      Expr b = and();
      left = s -> truthy(a.eval(s)) || truthy(b.eval(s)) ? 1.0 : 0.0;
    }
    return left;
  }

  Expr and() throws SyntaxError {
    Expr left = in();
    while (accept("&&")) {
      skipOnlyNewlines();
      Expr a = left;
      Expr b = in();
      left = s -> truthy(a.eval(s)) && truthy(b.eval(s)) ? 1.0 : 0.0;
    }
    return left;
  }

  Expr in() throws SyntaxError {
    Expr left = match();
    while (acceptWord("in")) {
      Expr key = left;
      String array = name();
      left =
          s ->
              s.arrays
                      .computeIfAbsent(array, k -> new LinkedHashMap<>())
                      .containsKey(str(key.eval(s)))
                  ? 1.0
                  : 0.0;
    }
    return left;
  }

  Expr match() throws SyntaxError {
    Expr left = comparison();
    while (true) {
      boolean negate;
      if (accept("!~")) {
        negate = true;
      } else if (at("~")) {
        pos++;
        negate = false;
      } else {
        return left;
      }
      Expr a = left;
      Expr re = regexArg(comparison());
      left =
          s -> {
            boolean m = regex(regexText(re.eval(s))).matcher(str(a.eval(s))).find();
            return m != negate ? 1.0 : 0.0;
          };
    }
  }

  Expr comparison() throws SyntaxError {
    Expr left = concatenation();
    for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
      if (op.equals(">") && noGt) {
        continue;
      }
      if (at(op)) {
        pos += op.length();
        Expr a = left;
        Expr b = concatenation();
        return s -> {
          int c = compare(a.eval(s), b.eval(s));
          boolean r =
              switch (op) {
                case "==" -> c == 0;
                case "!=" -> c != 0;
                case "<=" -> c <= 0;
                case ">=" -> c >= 0;
                case "<" -> c < 0;
                default -> c > 0;
              };
          return r ? 1.0 : 0.0;
        };
      }
    }
    return left;
  }

  Expr concatenation() throws SyntaxError {
    Expr left = additive();
    while (startsOperand()) {
      Expr a = left;
      Expr b = additive();
      left = s -> str(a.eval(s)) + str(b.eval(s));
    }
    return left;
  }

  /** True when an operand starts here (awk concatenates adjacent operands). */
  boolean startsOperand() {
    skipBlanks();
    if (atEnd()) {
      return false;
    }
    char c = src.charAt(pos);
    if (c == '$'
        || c == '"'
        || c == '('
        || Character.isDigit(c)
        || c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
      return true;
    }
    if (c == '!' && !src.startsWith("!=", pos) && !src.startsWith("!~", pos)) {
      return true;
    }
    if (c == '-' || c == '+') {
      return false;
    }
    if (Character.isLetter(c) || c == '_') {
      int end = pos;
      while (end < src.length() && isIdent(src.charAt(end))) {
        end++;
      }
      String w = src.substring(pos, end);
      return !w.equals("in") && !w.equals("else");
    }
    return false;
  }

  Expr additive() throws SyntaxError {
    Expr left = multiplicative();
    while (true) {
      skipBlanks();
      if (pos < src.length()
          && (src.charAt(pos) == '+' || src.charAt(pos) == '-')
          && !src.startsWith("++", pos)
          && !src.startsWith("--", pos)
          && !src.startsWith("+=", pos)
          && !src.startsWith("-=", pos)) {
        String op = String.valueOf(src.charAt(pos++));
        Expr a = left;
        Expr b = multiplicative();
        left = s -> arith(op, a.eval(s), b.eval(s));
      } else {
        return left;
      }
    }
  }

  Expr multiplicative() throws SyntaxError {
    Expr left = unary();
    while (true) {
      skipBlanks();
      if (pos < src.length()
          && "*/%".indexOf(src.charAt(pos)) >= 0
          && !(pos + 1 < src.length() && src.charAt(pos + 1) == '=')) {
        String op = String.valueOf(src.charAt(pos++));
        Expr a = left;
        Expr b = unary();
        left = s -> arith(op, a.eval(s), b.eval(s));
      } else {
        return left;
      }
    }
  }

  Expr unary() throws SyntaxError {
    skipBlanks();
    if (at("!") && !at("!=") && !at("!~")) {
      pos++;
      Expr e = unary();
      return s -> truthy(e.eval(s)) ? 0.0 : 1.0;
    }
    if (at("-") && !at("--")) {
      pos++;
      Expr e = unary();
      return s -> -num(e.eval(s));
    }
    if (at("+") && !at("++")) {
      pos++;
      Expr e = unary();
      return s -> num(e.eval(s));
    }
    return power();
  }

  Expr power() throws SyntaxError {
    Expr base = incDec();
    if (at("^") && !at("^=")) {
      pos++;
      Expr exp = unary();
      return s -> Math.pow(num(base.eval(s)), num(exp.eval(s)));
    }
    return base;
  }

  Expr incDec() throws SyntaxError {
    for (String op : List.of("++", "--")) {
      if (accept(op)) {
        Expr t = primary();
        if (!(t instanceof LValue lv)) {
          throw error();
        }
        double d = op.equals("++") ? 1 : -1;
        return s -> {
          double v = num(lv.eval(s)) + d;
          lv.assign(s, v);
          return v;
        };
      }
    }
    Expr t = primary();
    if (t instanceof LValue lv) {
      for (String op : List.of("++", "--")) {
        if (at(op)) {
          pos += 2;
          double d = op.equals("++") ? 1 : -1;
          return s -> {
            double v = num(lv.eval(s));
            lv.assign(s, v + d);
            return v;
          };
        }
      }
    }
    return t;
  }

  Expr primary() throws SyntaxError {
    skipBlanks();
    if (atEnd()) {
      throw error();
    }
    char c = src.charAt(pos);
    if (c == '$') {
      pos++;
      Expr index = incDecOrPrimaryForField();
      return new LValue() {
        @Override
        public Object eval(State s) {
          return s.field((int) num(index.eval(s)));
        }

        @Override
        public void assign(State s, Object v) {
          s.setField((int) num(index.eval(s)), str(v));
        }
      };
    }
    if (c == '(') {
      pos++;
      Expr e = expr();
      expect(")");
      return e;
    }
    if (c == '"') {
      String text = stringLiteral();
      return s -> text;
    }
    if (c == '/') {
      String re = regexLiteral();
      Pattern p = regex(re);
      return new RegexExpr(re, p);
    }
    if (Character.isDigit(c) || c == '.') {
      int start = pos;
      while (pos < src.length() && (Character.isDigit(src.charAt(pos)) || src.charAt(pos) == '.')) {
        pos++;
      }
      if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
        pos++;
        if (pos < src.length() && (src.charAt(pos) == '-' || src.charAt(pos) == '+')) {
          pos++;
        }
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
          pos++;
        }
      }
      double d;
      try {
        d = Double.parseDouble(src.substring(start, pos));
      } catch (NumberFormatException e) {
        throw error();
      }
      return s -> d;
    }
    if (Character.isLetter(c) || c == '_') {
      String name = name();
      if (atChar('(')) {
        pos++;
        List<Expr> args = exprList(")");
        return builtin(name, args);
      }
      if (accept("[")) {
        List<Expr> keys = exprList("]");
        return new LValue() {
          String key(State s) {
            StringBuilder k = new StringBuilder();
            for (int i = 0; i < keys.size(); i++) {
              if (i > 0) {
                k.append(str(s.vars.get("SUBSEP")));
              }
              k.append(str(keys.get(i).eval(s)));
            }
            return k.toString();
          }

          @Override
          public Object eval(State s) {
            Map<String, Object> a = s.arrays.computeIfAbsent(name, n -> new LinkedHashMap<>());
            return a.computeIfAbsent(key(s), k -> input(""));
          }

          @Override
          public void assign(State s, Object v) {
            Map<String, Object> a = s.arrays.computeIfAbsent(name, n -> new LinkedHashMap<>());
            if (a.size() >= 100_000 && !a.containsKey(key(s))) {
              throw new RunError("array " + name + " holds too many elements for the lab's awk");
            }
            a.put(key(s), v);
          }
        };
      }
      if (name.equals("length")) {
        return s -> (double) s.record.length();
      }
      return new VarRef(name);
    }
    throw error();
  }

  /** A /regex/ where a regex is expected stands for itself, not for a match against $0. */
  static Expr regexArg(Expr e) {
    if (e instanceof RegexExpr rx) {
      RegexValue v = new RegexValue(rx.re());
      return s -> v;
    }
    return e;
  }

  /** After $: a number, a name, $NF, or a parenthesised expression (no concatenation). */
  Expr incDecOrPrimaryForField() throws SyntaxError {
    skipBlanks();
    if (at("(")) {
      return primary();
    }
    if (pos < src.length()
        && (Character.isDigit(src.charAt(pos))
            || Character.isLetter(src.charAt(pos))
            || src.charAt(pos) == '_')) {
      return primary();
    }
    if (at("$")) {
      return primary();
    }
    throw error();
  }

  String stringLiteral() throws SyntaxError {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < src.length() && src.charAt(pos) != '"') {
      char c = src.charAt(pos++);
      if (c == '\\' && pos < src.length()) {
        char e = src.charAt(pos++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case 'r' -> sb.append('\r');
          case '\\' -> sb.append('\\');
          case '"' -> sb.append('"');
          case '/' -> sb.append('/');
          default -> sb.append('\\').append(e);
        }
      } else {
        sb.append(c);
      }
    }
    if (atEnd()) {
      throw new SyntaxError("non-terminated string at source line 1");
    }
    pos++;
    return sb.toString();
  }

  String regexLiteral() throws SyntaxError {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < src.length() && src.charAt(pos) != '/') {
      char c = src.charAt(pos++);
      if (c == '\\' && atChar('/')) {
        sb.append('/');
        pos++;
      } else {
        sb.append(c);
        if (c == '\\' && pos < src.length()) {
          sb.append(src.charAt(pos++));
        }
      }
    }
    if (atEnd()) {
      throw new SyntaxError("non-terminated regular expression " + sb + "... at source line 1");
    }
    pos++;
    return sb.toString();
  }

  Expr builtin(String name, List<Expr> rawArgs) throws SyntaxError {
    List<Expr> args = new ArrayList<>();
    for (int i = 0; i < rawArgs.size(); i++) {
      boolean regexPlace =
          (name.equals("sub") || name.equals("gsub")) && i == 0
              || name.equals("match") && i == 1
              || name.equals("split") && i == 2;
      args.add(regexPlace ? regexArg(rawArgs.get(i)) : rawArgs.get(i));
    }
    return switch (name) {
      case "length" ->
          s -> (double) (args.isEmpty() ? s.record : lengthOf(s, args.get(0))).length();
      case "substr" ->
          s -> {
            String t = str(args.get(0).eval(s));
            double start = Math.round(num(args.get(1).eval(s)));
            double len = args.size() > 2 ? Math.round(num(args.get(2).eval(s))) : Double.MAX_VALUE;
            long from = (long) Math.max(1, start);
            long to = (long) Math.min(t.length() + 1.0, start + len);
            return from >= to ? "" : t.substring((int) from - 1, (int) to - 1);
          };
      case "index" ->
          s -> (double) (str(args.get(0).eval(s)).indexOf(str(args.get(1).eval(s))) + 1);
      case "tolower" -> s -> str(args.get(0).eval(s)).toLowerCase(Locale.ROOT);
      case "toupper" -> s -> str(args.get(0).eval(s)).toUpperCase(Locale.ROOT);
      case "int" -> s -> (double) (long) num(args.get(0).eval(s));
      case "sqrt" -> s -> Math.sqrt(num(args.get(0).eval(s)));
      case "sprintf" ->
          s -> {
            List<Object> values = new ArrayList<>();
            for (Expr e : args.subList(1, args.size())) {
              values.add(e.eval(s));
            }
            return sprintf(str(args.get(0).eval(s)), values);
          };
      case "split" -> {
        if (args.size() < 2) {
          throw error();
        }
        String array = arrayName(args.get(1));
        yield s -> {
          String fs = args.size() > 2 ? regexText(args.get(2).eval(s)) : str(s.vars.get("FS"));
          List<String> parts = split(str(args.get(0).eval(s)), fs);
          Map<String, Object> a = new LinkedHashMap<>();
          for (int i = 0; i < parts.size(); i++) {
            a.put(Integer.toString(i + 1), input(parts.get(i)));
          }
          s.arrays.put(array, a);
          return (double) parts.size();
        };
      }
      case "sub", "gsub" -> {
        if (args.size() < 2) {
          throw error();
        }
        Expr target = args.size() > 2 ? args.get(2) : (LValue) new FieldZero();
        if (!(target instanceof LValue lv)) {
          throw error();
        }
        boolean global = name.equals("gsub");
        yield s -> {
          Pattern p = regex(regexText(args.get(0).eval(s)));
          String repl = str(args.get(1).eval(s));
          String text = str(lv.eval(s));
          Matcher m = p.matcher(text);
          StringBuilder sb = new StringBuilder();
          int count = 0;
          int last = 0;
          while (m.find()) {
            sb.append(text, last, m.start());
            sb.append(repl.replace("\\&", "\u0000").replace("&", m.group()).replace("\u0000", "&"));
            last = m.end();
            count++;
            if (!global) {
              break;
            }
            if (m.end() == m.start()) {
              if (m.end() < text.length()) {
                sb.append(text.charAt(m.end()));
              }
              last = m.end() + 1;
              if (last > text.length() || !m.find(last)) {
                break;
              }
              m.region(last, text.length());
            }
          }
          if (count > 0) {
            sb.append(text.substring(Math.min(last, text.length())));
            lv.assign(s, sb.toString());
          }
          return (double) count;
        };
      }
      case "match" ->
          s -> {
            Matcher m = regex(regexText(args.get(1).eval(s))).matcher(str(args.get(0).eval(s)));
            boolean found = m.find();
            s.vars.put("RSTART", found ? m.start() + 1.0 : 0.0);
            s.vars.put("RLENGTH", found ? (double) (m.end() - m.start()) : -1.0);
            return found ? m.start() + 1.0 : 0.0;
          };
      default -> throw new SyntaxError("function " + name + " never defined");
    };
  }

  private static String lengthOf(State s, Expr e) {
    return str(e.eval(s));
  }

  private static String arrayName(Expr e) throws SyntaxError {
    if (e instanceof VarRef v) {
      return v.name();
    }
    throw new SyntaxError("split: the second argument must be an array name");
  }

  private static String regexText(Object v) {
    return v instanceof RegexValue rv ? rv.re() : str(v);
  }
}
