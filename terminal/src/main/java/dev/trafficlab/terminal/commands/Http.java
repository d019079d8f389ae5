package dev.trafficlab.terminal.commands;

import dev.trafficlab.terminal.Invocation;
import dev.trafficlab.terminal.commands.jq.JsonText;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * http (HTTPie) for the forms lessons use: {@code http [METHOD] URL [Header:Value] [name=value]
 * [name:=json] [name==query]}. The request goes the way curl's does (from the lesson's client pod,
 * through the mesh or the ingress gateway); the response prints as HTTPie prints it: status line,
 * headers, a blank line and the body, JSON indented by four with sorted keys.
 */
final class Http {
  private Http() {}

  static final String USER_AGENT = "HTTPie/2.3.0";

  static Future<Integer> run(Invocation inv) {
    List<String> args = new ArrayList<>(inv.args());
    boolean headersOnly = false;
    boolean bodyOnly = false;
    boolean form = false;
    while (!args.isEmpty() && args.get(0).startsWith("-")) {
      String a = args.remove(0);
      switch (a) {
        case "-h", "--headers" -> headersOnly = true;
        case "-b", "--body" -> bodyOnly = true;
        case "-f", "--form" -> form = true;
        case "--check-status", "-p", "--pretty=all", "--pretty=none", "--ignore-stdin", "-I" -> {}
        default -> {
          inv.eprintln("usage: http [--form] [--headers] [--body] [METHOD] URL [REQUEST_ITEM ...]");
          inv.eprintln("http: error: unrecognized arguments: " + a);
          return Invocation.exit(2);
        }
      }
    }
    if (args.isEmpty()) {
      inv.eprintln("usage: http [--form] [--headers] [--body] [METHOD] URL [REQUEST_ITEM ...]");
      inv.eprintln("http: error: the following arguments are required: URL");
      return Invocation.exit(2);
    }
    String method = null;
    if (args.get(0).matches("[A-Za-z]+") && args.size() > 1 && !args.get(1).contains("=")) {
      method = args.remove(0).toUpperCase(Locale.ROOT);
    }
    String url = url(args.remove(0));
    Map<String, String> headers = new LinkedHashMap<>();
    Map<String, Object> data = new LinkedHashMap<>();
    List<String> query = new ArrayList<>();
    for (String item : args) {
      int eq = item.indexOf('=');
      int colon = item.indexOf(':');
      if (item.contains(":=") && (eq < 0 || item.indexOf(":=") < eq)) {
        String name = item.substring(0, item.indexOf(":="));
        try {
          List<Object> v = JsonText.parseAll(item.substring(item.indexOf(":=") + 2));
          data.put(name, v.isEmpty() ? JsonText.NULL : v.get(0));
        } catch (JsonText.Malformed e) {
          inv.eprintln("http: error: \"" + item + "\": " + e.getMessage());
          return Invocation.exit(1);
        }
      } else if (item.contains("==") && (colon < 0 || item.indexOf("==") < colon)) {
        int at = item.indexOf("==");
        query.add(item.substring(0, at) + "=" + item.substring(at + 2));
      } else if (eq > 0 && (colon < 0 || eq < colon)) {
        data.put(item.substring(0, eq), item.substring(eq + 1));
      } else if (colon > 0) {
        headers.put(item.substring(0, colon), item.substring(colon + 1).strip());
      } else {
        inv.eprintln("http: error: argument REQUEST_ITEM: \"" + item + "\" is not a valid value");
        return Invocation.exit(2);
      }
    }
    if (method == null) {
      method = data.isEmpty() ? "GET" : "POST";
    }
    if (!query.isEmpty()) {
      url += (url.contains("?") ? "&" : "?") + String.join("&", query);
    }
    StringBuilder cmd = new StringBuilder("curl -sS -i -X ").append(quote(method));
    cmd.append(" -H ").append(quote("user-agent: " + USER_AGENT));
    cmd.append(" -H ")
        .append(
            quote("accept: " + (form || data.isEmpty() ? "*/*" : "application/json, */*;q=0.5")));
    String body = null;
    if (!data.isEmpty()) {
      if (form) {
        List<String> pairs = new ArrayList<>();
        data.forEach(
            (k, v) ->
                pairs.add(k + "=" + (v instanceof String s ? s : JsonText.print(v, true, false))));
        body = String.join("&", pairs);
        cmd.append(" -H ")
            .append(quote("content-type: application/x-www-form-urlencoded; charset=utf-8"));
      } else {
        body = JsonText.print(data, true, false).replace("\":", "\": ").replace(",\"", ", \"");
        cmd.append(" -H ").append(quote("content-type: application/json"));
      }
    }
    headers.forEach((k, v) -> cmd.append(" -H ").append(quote(k + ": " + v)));
    if (body != null) {
      cmd.append(" --data-raw ").append(quote(body));
    }
    cmd.append(' ').append(quote(url));
    String requestMethod = method;
    String requestUrl = url;
    boolean onlyHeaders = headersOnly;
    boolean onlyBody = bodyOnly;
    return inv.capture(cmd.toString())
        .map(
            c -> {
              if (c.exitCode() != 0) {
                String why = c.output().strip().replaceFirst("^curl: \\(\\d+\\) ", "");
                inv.eprintln("");
                inv.eprintln(
                    "http: error: ConnectionError: "
                        + why
                        + " while doing a "
                        + requestMethod
                        + " request to URL: "
                        + requestUrl);
                return 1;
              }
              inv.print(format(c.output(), onlyHeaders, onlyBody));
              return 0;
            });
  }

  /** ":9080/x" is localhost, a bare host gets http:// (HTTPie's shorthands). */
  static String url(String u) {
    if (u.startsWith(":")) {
      return "http://localhost" + u;
    }
    if (!u.matches("(?i)https?://.*")) {
      return "http://" + u;
    }
    return u;
  }

  /** curl -i's text as HTTPie shows a response. */
  static String format(String curlOutput, boolean headersOnly, boolean bodyOnly) {
    int split = curlOutput.indexOf("\n\n");
    String head = split < 0 ? curlOutput : curlOutput.substring(0, split + 1);
    String body = split < 0 ? "" : curlOutput.substring(split + 2);
    String pretty = body;
    String trimmed = body.strip();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        List<Object> values = JsonText.parseAll(body);
        if (values.size() == 1) {
          pretty = indentFour(JsonText.print(values.get(0), false, true)) + "\n";
        }
      } catch (JsonText.Malformed e) {
        // not JSON after all: shown as it came
      }
    }
    if (headersOnly) {
      return head + "\n";
    }
    if (bodyOnly) {
      return pretty.endsWith("\n") || pretty.isEmpty() ? pretty : pretty + "\n";
    }
    StringBuilder out = new StringBuilder(head).append('\n').append(pretty);
    if (!pretty.isEmpty() && !pretty.endsWith("\n")) {
      out.append('\n');
    }
    return out.append('\n').toString();
  }

  /** jq's two-space indent as HTTPie's four. */
  private static String indentFour(String json) {
    StringBuilder sb = new StringBuilder();
    for (String line : json.split("\n", -1)) {
      int n = 0;
      while (n < line.length() && line.charAt(n) == ' ') {
        n++;
      }
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append(" ".repeat(n * 2)).append(line.substring(n));
    }
    return sb.toString();
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
