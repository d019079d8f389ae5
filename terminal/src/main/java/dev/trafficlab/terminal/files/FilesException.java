package dev.trafficlab.terminal.files;

/** A file operation the sandbox refuses; the message is what a shell prints after "cmd: path: ". */
public final class FilesException extends Exception {
  public static final String NO_SUCH_FILE = "No such file or directory";
  public static final String IS_A_DIRECTORY = "Is a directory";
  public static final String NOT_A_DIRECTORY = "Not a directory";
  public static final String PERMISSION_DENIED = "Permission denied";
  public static final String TOO_LARGE = "File too large";
  public static final String NO_SPACE = "No space left on device";

  public FilesException(String message) {
    super(message, null, false, false);
  }
}
