package dev.trafficlab.mesh.validation;

import dev.trafficlab.mesh.model.Pos;
import dev.trafficlab.mesh.yaml.YamlNode;
import java.util.List;

/**
 * Validation state (errors and warnings) plus the small checks Istio 1.8.1 shares between kinds
 * (DNS names, labels, ports, percentages, durations, exportTo), with their exact messages.
 */
final class Checks {
  GoErr err;
  final java.util.List<Problem> warnings = new java.util.ArrayList<>();

  void add(GoErr e) {
    err = GoErr.append(err, e);
  }

  void add(String message, Pos pos) {
    add(GoErr.of(message, pos));
  }

  /** multierror.Append(errs, e) in Istio's code. */
  void addMulti(String message, Pos pos) {
    err = GoErr.multi(err, GoErr.of(message, pos));
  }

  void warn(String message, Pos pos) {
    warnings.add(new Problem(message, pos));
  }

  // ---- node access (the spec has been schema-checked, so types are right) ----

  static YamlNode child(YamlNode n, String key) {
    return n instanceof YamlNode.Mapping m ? m.value(key) : null;
  }

  static String str(YamlNode n, String key) {
    YamlNode c = child(n, key);
    return c instanceof YamlNode.Scalar s && s.value() instanceof String v ? v : null;
  }

  static String strOrEmpty(YamlNode n, String key) {
    String s = str(n, key);
    return s == null ? "" : s;
  }

  static Long lng(YamlNode n, String key) {
    YamlNode c = child(n, key);
    return c instanceof YamlNode.Scalar s && s.value() instanceof Long v ? v : null;
  }

  static long lngOrZero(YamlNode n, String key) {
    Long l = lng(n, key);
    return l == null ? 0 : l;
  }

  static Double num(YamlNode n, String key) {
    YamlNode c = child(n, key);
    if (c instanceof YamlNode.Scalar s && s.value() instanceof Number v) {
      return v.doubleValue();
    }
    return null;
  }

  static Boolean bool(YamlNode n, String key) {
    YamlNode c = child(n, key);
    return c instanceof YamlNode.Scalar s && s.value() instanceof Boolean v ? v : null;
  }

  static List<YamlNode> list(YamlNode n, String key) {
    YamlNode c = child(n, key);
    return c instanceof YamlNode.Sequence q ? q.items() : List.of();
  }

  static List<YamlNode.Entry> entries(YamlNode n, String key) {
    YamlNode c = child(n, key);
    return c instanceof YamlNode.Mapping m ? m.entries() : List.of();
  }

  static String text(YamlNode n) {
    return n instanceof YamlNode.Scalar s && s.value() instanceof String v ? v : "";
  }

  static Pos pos(YamlNode n, String key) {
    YamlNode c = child(n, key);
    return c != null ? c.pos() : n == null ? Pos.UNKNOWN : n.pos();
  }

  // ---- names ----

  /** Istio's labels.IsDNS1123Label: up to 63 of [a-zA-Z0-9-], alphanumeric at both ends. */
  static boolean isDns1123Label(String s) {
    if (s.isEmpty() || s.length() > 63 || !alnum(s.charAt(0)) || !alnum(s.charAt(s.length() - 1))) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!alnum(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  static boolean isWildcardDns1123Label(String s) {
    if (s.length() > 63) {
      return false;
    }
    if (s.equals("*")) {
      return true;
    }
    if (s.startsWith("*-")) {
      return isDns1123Label(s.substring(2));
    }
    if (s.startsWith("*")) {
      return isDns1123Label(s.substring(1));
    }
    return isDns1123Label(s);
  }

  static String dnsPreconditions(String name) {
    if (name.length() > 255) {
      return "domain name \"" + name + "\" too long (max 255)";
    }
    if (name.isEmpty()) {
      return "empty domain name not allowed";
    }
    return null;
  }

  static String dns1123Labels(String domain) {
    String[] parts = domain.split("\\.", -1);
    String tld = parts[parts.length - 1];
    if (isGoInt(tld)) {
      return "domain name \""
          + domain
          + "\" invalid (top level domain \""
          + tld
          + "\" cannot be all-numeric)";
    }
    for (int i = 0; i < parts.length; i++) {
      if (i == parts.length - 1 && parts[i].isEmpty()) {
        return null;
      }
      if (!isDns1123Label(parts[i])) {
        return "domain name \"" + domain + "\" invalid (label \"" + parts[i] + "\" invalid)";
      }
    }
    return null;
  }

  /** ValidateWildcardDomain: a wildcard is allowed only as the whole first label's prefix. */
  static String wildcardDomain(String domain) {
    String pre = dnsPreconditions(domain);
    if (pre != null) {
      return pre;
    }
    int dot = domain.indexOf('.');
    String first = dot < 0 ? domain : domain.substring(0, dot);
    if (!isWildcardDns1123Label(first)) {
      return "domain name \"" + domain + "\" invalid (label \"" + first + "\" invalid)";
    }
    return dot < 0 ? null : dns1123Labels(domain.substring(dot + 1));
  }

  static String fqdn(String name) {
    String pre = dnsPreconditions(name);
    return pre != null ? pre : dns1123Labels(name);
  }

  /** strconv.Atoi succeeds: optional sign and at least one digit. */
  static boolean isGoInt(String s) {
    int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    if (start == s.length()) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /** net.ParseIP accepts it: dotted IPv4, or an IPv6 text. */
  static boolean isIp(String s) {
    if (s.contains(":")) {
      for (char c : s.toCharArray()) {
        if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
          return false;
        }
      }
      return s.length() >= 2;
    }
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty()
          || p.length() > 3
          || !isGoInt(p)
          || p.charAt(0) == '+'
          || p.charAt(0) == '-'
          || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  static GoErr port(long port, Pos pos) {
    return port >= 1 && port <= 65535
        ? null
        : GoErr.of("port number " + port + " must be in the range 1..65535", pos);
  }

  static GoErr percent(long value, Pos pos) {
    return value < 0 || value > 100
        ? GoErr.of("percentage " + value + " is not in range 0..100", pos)
        : null;
  }

  static GoErr percentage(YamlNode percentage) {
    if (percentage == null) {
      return null;
    }
    Double v = num(percentage, "value");
    double value = v == null ? 0 : v;
    if (value < 0 || value > 100 || (value > 0 && value < 0.0001)) {
      return GoErr.of(
          "percentage " + GoFormat.v(value) + " is neither 0.0, nor in range [0.0001, 100.0]",
          pos(percentage, "value"));
    }
    return null;
  }

  /** ValidateDurationGogo (the string decoded already, so only the range checks remain). */
  static GoErr duration(YamlNode node) {
    if (node == null) {
      return null;
    }
    long nanos;
    try {
      nanos = GoDuration.parseNanos(text(node));
    } catch (GoDuration.BadDuration e) {
      return null;
    }
    if (nanos < 1_000_000L) {
      return GoErr.of("duration must be greater than 1ms", node.pos());
    }
    if (nanos % 1_000_000L != 0) {
      return GoErr.of("only durations to ms precision are supported", node.pos());
    }
    return null;
  }

  /** labels.Instance.Validate: every problem is multierror-appended. */
  static GoErr labels(List<YamlNode.Entry> labels) {
    GoErr errs = null;
    for (YamlNode.Entry e : labels) {
      if (!validTagKey(e.key())) {
        errs = GoErr.multi(errs, GoErr.of("invalid tag key: \"" + e.key() + "\"", e.keyPos()));
      }
      String v = text(e.value());
      if (!validTagValue(v)) {
        errs = GoErr.multi(errs, GoErr.of("invalid tag value: \"" + v + "\"", e.value().pos()));
      }
    }
    return errs;
  }

  private static boolean qualifiedNamePart(String s) {
    if (s.isEmpty() || s.length() > 63 || !alnum(s.charAt(0)) || !alnum(s.charAt(s.length() - 1))) {
      return false;
    }
    for (char c : s.toCharArray()) {
      if (!alnum(c) && c != '-' && c != '_' && c != '.') {
        return false;
      }
    }
    return true;
  }

  static boolean validTagKey(String k) {
    String[] parts = k.split("/", -1);
    if (parts.length > 2) {
      return false;
    }
    if (parts.length == 2) {
      String prefix = parts[0];
      if (prefix.isEmpty() || prefix.length() > 253 || fqdn(prefix) != null) {
        return false;
      }
    }
    return qualifiedNamePart(parts[parts.length - 1]);
  }

  static boolean validTagValue(String v) {
    return v.isEmpty() || qualifiedNamePart(v);
  }

  /** validateExportTo of Istio 1.8.1. */
  static GoErr exportTo(String namespace, List<YamlNode> exportTo, boolean serviceEntry) {
    GoErr errs = null;
    if (exportTo.isEmpty()) {
      return null;
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (YamlNode n : exportTo) {
      String e = text(n);
      String key = e.equals(".") ? namespace : e;
      if (seen.contains(key)) {
        errs =
            GoErr.append(
                errs,
                GoErr.of(
                    !key.equals(e)
                        ? "duplicate entries in exportTo: . and current namespace " + namespace
                        : "duplicate entries in exportTo for entry " + e,
                    n.pos()));
      } else if (serviceEntry && key.equals("~")) {
        seen.add(key);
      } else {
        String bad =
            switch (key) {
              case ".", "*" -> null;
              case "~" -> "exportTo ~ (none) is not allowed for Istio configuration objects";
              default ->
                  isDns1123Label(key)
                      ? null
                      : "only .,*,~, or a valid DNS 1123 label is allowed as exportTo entry";
            };
        if (bad != null) {
          errs = GoErr.append(errs, GoErr.of(bad, n.pos()));
        } else {
          seen.add(key);
        }
      }
    }
    if (seen.contains("*") && exportTo.size() > 1) {
      errs =
          GoErr.append(
              errs,
              GoErr.of(
                  "cannot have both public (*) and non-public exportTo values for a resource",
                  exportTo.get(0).pos()));
    }
    if (seen.contains("~") && exportTo.size() > 1) {
      errs =
          GoErr.append(
              errs,
              GoErr.of(
                  "cannot export service entry to no one (~) and someone", exportTo.get(0).pos()));
    }
    return errs;
  }
}
