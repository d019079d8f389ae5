package dev.trafficlab.terminal.syntax;

/**
 * A command line the shell cannot parse; the message is bash's wording without the "bash: " prefix.
 */
public final class ParseException extends Exception {
  public ParseException(String message) {
    super(message, null, false, false);
  }
}
