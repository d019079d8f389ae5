package dev.trafficlab.terminal.commands.parse;

/**
 * A read position in a small language's program text (awk's, jq's) with the look-ahead their
 * parsers share: a token is tried after whatever the language skips between tokens, a keyword only
 * where no identifier character follows it, and nesting is bounded so a hostile program cannot
 * exhaust the stack. What counts as blank and how an error reads stay each language's.
 *
 * @param <E> the language's syntax error
 */
public abstract class TextCursor<E extends Exception> {
  protected final String src;
  protected int pos;
  private int depth;

  protected TextCursor(String src) {
    this.src = src;
  }

  /** Moves past what the language skips between tokens (blanks, comments). */
  protected abstract void skipBlanks();

  /** The error when {@code token} should stand here and does not. */
  protected abstract E expected(String token);

  /** The error when the program nests deeper than the language allows. */
  protected abstract E tooDeep();

  /** Whether the whole text has been read (nothing skipped first). */
  public final boolean atEnd() {
    return pos >= src.length();
  }

  /** Whether the character at the position is {@code c} (nothing skipped first). */
  protected final boolean atChar(char c) {
    return pos < src.length() && src.charAt(pos) == c;
  }

  /** Up to {@code n} characters from the position, to quote in an error. */
  protected final String ahead(int n) {
    return src.substring(pos, Math.min(src.length(), pos + n));
  }

  protected final boolean at(String token) {
    skipBlanks();
    return src.startsWith(token, pos);
  }

  protected final boolean accept(String token) {
    if (at(token)) {
      pos += token.length();
      return true;
    }
    return false;
  }

  /** Accepts {@code word} only as a whole word: {@code in} is not the start of {@code index}. */
  protected final boolean acceptWord(String word) {
    skipBlanks();
    if (src.startsWith(word, pos)
        && (pos + word.length() >= src.length() || !isIdent(src.charAt(pos + word.length())))) {
      pos += word.length();
      return true;
    }
    return false;
  }

  protected final void expect(String token) throws E {
    if (!accept(token)) {
      throw expected(token);
    }
  }

  /** Moves past the identifier characters at the position and returns them ("" if none). */
  protected final String identChars() {
    int start = pos;
    while (pos < src.length() && isIdent(src.charAt(pos))) {
      pos++;
    }
    return src.substring(start, pos);
  }

  /** One level deeper (a nested expression, block or filter); {@link #leave} when it is parsed. */
  protected final void enter(int maxNesting) throws E {
    if (++depth > maxNesting) {
      throw tooDeep();
    }
  }

  protected final void leave() {
    depth--;
  }

  public static boolean isIdent(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
