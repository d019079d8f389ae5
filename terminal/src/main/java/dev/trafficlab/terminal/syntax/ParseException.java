package dev.trafficlab.terminal.syntax;

/**
 * A command line the shell cannot parse; the message is bash's wording without the "bash: " prefix.
 */
public final class ParseException extends Exception {
  private final boolean atEndOfInput;

  public ParseException(String message) {
    this(message, false);
  }

  private ParseException(String message, boolean atEndOfInput) {
    super(message, null, false, false);
    this.atEndOfInput = atEndOfInput;
  }

  /** The text ended inside an open construct: more lines could complete it. */
  static ParseException endOfInput(String message) {
    return new ParseException(message, true);
  }

  public boolean atEndOfInput() {
    return atEndOfInput;
  }
}
