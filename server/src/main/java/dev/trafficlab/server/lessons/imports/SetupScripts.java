package dev.trafficlab.server.lessons.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a scenario's foreground or background script as pieces (a command line, or a whole loop or
 * here-document) and recognises the set-up a real environment needs and the lab already provides:
 * downloading Istio, installing it, waiting for nodes or pods, starting a cluster, and the
 * marker-file handshakes between a background and a foreground script. Those pieces are answered
 * with a one-line note instead of being run; the rest runs in the sandbox's safe shell as written.
 */
public final class SetupScripts {
  private SetupScripts() {}

  /**
   * One piece of a script.
   *
   * @param text the piece as written
   * @param answered the note the lab prints instead of running it, when it is set-up the lab has
   * @param replacement what runs instead (empty: only the note)
   */
  public record Piece(String text, Optional<String> answered, String replacement) {
    /** What the safe shell runs for this piece. */
    public String runnable() {
      if (answered.isEmpty()) {
        return text;
      }
      String echo = "echo '# Traffic Lab: " + answered.get().replace("'", "'\\''") + "'";
      return replacement.isEmpty() ? echo : echo + "\n" + replacement;
    }
  }

  private record Rule(Pattern pattern, String note, String replacement) {}

  private static Rule rule(String regex, String note) {
    return new Rule(Pattern.compile(regex, Pattern.DOTALL), note, "");
  }

  private static final String ISTIO = "/root/istio-1.8.1";

  private static final List<Rule> RULES =
      List.of(
          rule(
              "^\\s*(curl|wget)\\b.*(istio\\.io/downloadIstio|github\\.com/istio/istio/releases|"
                  + "istio\\.io/download|git\\.io/getLatestIstio).*",
              "Istio 1.8.1 is downloaded already, at " + ISTIO + " ($ISTIO_HOME)"),
          rule(
              "^\\s*(export\\s+)?PATH=.*(istio|\\$PWD/bin|\\$\\(pwd\\)/bin).*",
              "istioctl 1.8.1 is on the PATH already"),
          new Rule(
              Pattern.compile("^\\s*cd\\s+(~/|/root/)?istio-[A-Za-z0-9.*\\-]+/?\\s*$"),
              "the lab's Istio release is " + ISTIO,
              "cd " + ISTIO),
          rule(
              "^\\s*(\\S*/)?istioctl\\s+(install|manifest\\s+(apply|install)|operator\\s+init|"
                  + "x\\s+precheck|experimental\\s+precheck|verify-install)\\b.*",
              "Istio 1.8.1 (demo profile) is installed already"),
          rule("^\\s*kubectl\\s+wait\\b.*", "the lab's nodes and pods are ready at once"),
          rule(
              "^\\s*kubectl\\s+taint\\s+(nodes?|no)\\b.*", "the lab's node runs every pod already"),
          rule(
              "^\\s*(minikube\\s+start|kind\\s+create\\s+cluster|k3d\\s+cluster\\s+create|"
                  + "(\\S*/)?launch\\.sh)\\b.*",
              "the lab's cluster is running already"),
          rule(
              "^\\s*(bash\\s+|sh\\s+|source\\s+|\\.\\s+)?\\S*(/ks/wait-background\\.sh|"
                  + "wait-background\\.sh|/opt/wait\\.sh|/usr/local/bin/wait\\.sh)\\b.*",
              "the scenario's set-up is done already: nothing to wait for"),
          rule(
              "^\\s*(while|until)\\b[^\\n]*((-f|-e|-d|ls)\\s+\\S+|kubectl\\s+get\\s+(nodes?|no|pods?|po)\\b).*",
              "the scenario's set-up is done already: nothing to wait for"),
          rule(
              "^\\s*(touch|echo\\b[^>]*>>?)\\s*(/ks/|/opt/|/tmp/finished|/tmp/\\.|"
                  + "/root/\\.\\w*finished|/var/).*",
              "the lab needs no marker file between the set-up and the terminal"),
          rule(
              "^\\s*set\\s+[-+][a-zA-Z]+(\\s+[-+]?\\w+)*\\s*$",
              "the safe shell has no shell options (set -e, -x): every line runs"),
          rule(
              "^\\s*(kubectl\\s+(get|describe)\\s+(nodes?|no)\\b[^|]*\\|\\s*grep\\s+-q\\s+.*Ready.*"
                  + "|systemctl\\b.*|service\\s+\\S+\\s+(start|restart)\\b.*)",
              "the lab's nodes and services are ready at once"));

  /** The script in pieces, each recognised or not. */
  public static List<Piece> read(String script) {
    List<Piece> pieces = new ArrayList<>();
    for (String text : split(script)) {
      Optional<Rule> hit =
          RULES.stream().filter(r -> r.pattern().matcher(text).matches()).findFirst();
      pieces.add(new Piece(text, hit.map(Rule::note), hit.map(Rule::replacement).orElse("")));
    }
    return pieces;
  }

  /** The script as the safe shell runs it: recognised set-up replaced by its note. */
  public static String runnable(String script) {
    StringBuilder out = new StringBuilder();
    for (Piece p : read(script)) {
      out.append(p.runnable()).append('\n');
    }
    return out.toString();
  }

  private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*['\"]?(\\w+)['\"]?");
  private static final Pattern OPENS =
      Pattern.compile("(^|[;&|(\\s])(while|until|for|if|case|select)\\s|\\{\\s*$|\\(\\)\\s*\\{");
  private static final Pattern CLOSES =
      Pattern.compile("(^|[;&|\\s])(done|fi|esac)(\\s*[;&|)]|\\s*$)|^\\s*}\\s*[;&|]*\\s*$");

  /**
   * Command lines, with continued lines joined, and a loop, if, case, function body or
   * here-document kept whole. Comments, the shebang and blank lines are left out.
   */
  static List<String> split(String script) {
    List<String> out = new ArrayList<>();
    String[] lines = script.replace("\r\n", "\n").split("\n", -1);
    StringBuilder piece = new StringBuilder();
    int depth = 0;
    String heredoc = null;
    for (String line : lines) {
      if (heredoc != null) {
        piece.append('\n').append(line);
        if (line.strip().equals(heredoc)) {
          heredoc = null;
          if (depth == 0) {
            out.add(piece.toString());
            piece.setLength(0);
          }
        }
        continue;
      }
      String trimmed = line.strip();
      if (piece.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
        continue;
      }
      if (!piece.isEmpty()) {
        piece.append('\n');
      }
      piece.append(line);
      if (trimmed.endsWith("\\")) {
        continue;
      }
      String code = withoutQuotes(trimmed);
      depth += count(OPENS, code) - count(CLOSES, code);
      // on the line as written: a quoted delimiter (<< 'EOF') is blanked in code
      var doc = HEREDOC.matcher(trimmed);
      if (doc.find()) {
        heredoc = doc.group(1);
        continue;
      }
      if (depth <= 0) {
        depth = 0;
        out.add(piece.toString().strip());
        piece.setLength(0);
      }
    }
    if (!piece.isEmpty()) {
      out.add(piece.toString().strip());
    }
    return out;
  }

  private static int count(Pattern p, String code) {
    var m = p.matcher(code);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The line with quoted text blanked, so a quoted "done" or "if" does not count. */
  private static String withoutQuotes(String line) {
    StringBuilder out = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
        out.append(' ');
      } else if (c == '\'' || c == '"') {
        quote = c;
        out.append(' ');
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        break;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
