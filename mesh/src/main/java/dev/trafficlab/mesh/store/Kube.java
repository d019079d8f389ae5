package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.ApiType;
import dev.trafficlab.mesh.model.ResourceKind;

/** Kubernetes name rules and the resource descriptions kubectl prints in its errors. */
final class Kube {
  private Kube() {}

  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  static boolean isLabel(String s) {
    if (s.isEmpty() || s.length() > 63) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum && !(c == '-' && i > 0 && i < s.length() - 1)) {
        return false;
      }
    }
    return true;
  }

  static boolean isSubdomain(String s) {
    if (s.isEmpty() || s.length() > 253) {
      return false;
    }
    for (String part : s.split("\\.", -1)) {
      if (!isLabel(part)) {
        return false;
      }
    }
    return true;
  }

  static String subdomainMessage(String name) {
    return "metadata.name: Invalid value: \""
        + name
        + "\": a lowercase RFC 1123 subdomain must consist of lower "
        + "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
        + "'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*"
        + "[a-z0-9])?)*')";
  }

  static String labelMessage(String name) {
    return "metadata.name: Invalid value: \""
        + name
        + "\": a lowercase RFC 1123 label must consist of lower case "
        + "alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  "
        + "or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  }

  private static boolean qualifiedPart(String s) {
    if (s.isEmpty() || s.length() > 63) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      boolean inner = c == '-' || c == '_' || c == '.';
      if (!alnum && !(inner && i > 0 && i < s.length() - 1)) {
        return false;
      }
    }
    return true;
  }

  /**
   * ValidateLabels of the API server: the problems of one label, in its words (empty when valid).
   */
  static java.util.List<String> labelProblems(String key, String value) {
    java.util.List<String> out = new java.util.ArrayList<>();
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0 && !isSubdomain(key.substring(0, slash))) {
      out.add(
          "metadata.labels: Invalid value: \""
              + key
              + "\": prefix part a lowercase RFC 1123 subdomain must "
              + "consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric "
              + "character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]"
              + "([-a-z0-9]*[a-z0-9])?)*')");
    }
    if (!qualifiedPart(name)) {
      out.add(
          "metadata.labels: Invalid value: \""
              + key
              + "\": name part must consist of alphanumeric characters, "
              + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  "
              + "or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    }
    if (!value.isEmpty() && !qualifiedPart(value)) {
      out.add(
          "metadata.labels: Invalid value: \""
              + value
              + "\": a valid label must be an empty string or consist "
              + "of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
              + "'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?"
              + "[A-Za-z0-9])?')");
    }
    return out;
  }

  /**
   * The "virtualservices.networking.istio.io "reviews"" part of NotFound and AlreadyExists
   * messages.
   */
  static String quoted(ResourceKind kind, String name) {
    return kind.qualifiedPlural() + " \"" + name + "\"";
  }

  static String qualifiedKind(ResourceKind kind) {
    return kind.group().isEmpty() ? kind.kind() : kind.kind() + "." + kind.group();
  }

  static String quoted(ApiType type, String name) {
    return type.resource() + " \"" + name + "\"";
  }

  /** Why the lab's platform objects (kube-system, Istio's control plane) cannot be changed. */
  static final String PLATFORM =
      "it belongs to the lab's platform (Kubernetes 1.19 with Istio 1.8.1's demo profile), "
          + "which this lab keeps as installed";

  /** Why derived kinds cannot be applied. */
  static String derived(ApiType type) {
    return "the lab's controller makes "
        + type.kind()
        + " objects; apply a Deployment (or a Service) and it derives them";
  }

  static boolean isDns1035Label(String s) {
    return isLabel(s) && s.charAt(0) >= 'a' && s.charAt(0) <= 'z';
  }

  static String dns1035Message(String field, String name) {
    return field
        + ": Invalid value: \""
        + name
        + "\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start "
        + "with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
        + "'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
  }

  static String dns1123LabelMessage(String field, String name) {
    return field
        + ": Invalid value: \""
        + name
        + "\": a DNS-1123 label must consist of lower case alphanumeric characters or '-', and "
        + "must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex "
        + "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  }
}
