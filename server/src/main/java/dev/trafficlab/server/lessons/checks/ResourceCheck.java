package dev.trafficlab.server.lessons.checks;

import dev.trafficlab.mesh.model.ResourceKind;
import dev.trafficlab.terminal.kubectl.JsonPath;
import dev.trafficlab.terminal.kubectl.KubeObject;
import dev.trafficlab.terminal.kubectl.KubeObjects;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Verifies one object of the learner's cluster: it exists, and each JSONPath (kubectl's, as in
 * {@code kubectl get -o jsonpath=...}) prints the expected text. Index form:
 * {"type":"resource","kind":"VirtualService","name":"ratings","namespace":"default","fields":
 * [{"jsonpath":"{.spec.http[0].fault.delay.fixedDelay}","equals":"7s","what":"the delay for
 * jason"}],"hint":"Apply virtual-service-ratings-test-delay.yaml."}. An empty "equals" means the
 * field must be absent.
 */
public record ResourceCheck(
    ResourceKind kind, String namespace, String name, List<Field> fields, String hint)
    implements StateCheck {

  /**
   * @param what how the learner would name the field, e.g. "the delay for jason"
   */
  public record Field(String jsonpath, String equals, String what) {}

  public ResourceCheck {
    fields = List.copyOf(fields);
  }

  static ResourceCheck fromJson(JsonObject json) {
    String kindName = json.getString("kind");
    ResourceKind kind =
        kindName == null
            ? null
            : ResourceKind.byKind(kindName)
                .or(() -> ResourceKind.byCommandLineName(kindName))
                .orElse(null);
    if (kind == null) {
      throw new IllegalArgumentException(
          "resource check needs a \"kind\" kubectl knows (e.g. VirtualService), got " + kindName);
    }
    String name = json.getString("name");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("resource check needs a \"name\"");
    }
    JsonArray list = json.getJsonArray("fields", new JsonArray());
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonObject f = list.getJsonObject(i);
      String path = f.getString("jsonpath");
      if (path == null || !f.containsKey("equals")) {
        throw new IllegalArgumentException(
            "resource check field #" + (i + 1) + " needs \"jsonpath\" and \"equals\"");
      }
      try {
        JsonPath.evaluate(path, new JsonObject().getMap());
      } catch (JsonPath.JsonPathException e) {
        throw new IllegalArgumentException(
            "resource check field #"
                + (i + 1)
                + ": "
                + path
                + " is not a JSONPath template: "
                + e.getMessage());
      }
      fields.add(new Field(path, String.valueOf(f.getValue("equals")), f.getString("what", path)));
    }
    return new ResourceCheck(
        kind, json.getString("namespace", "default"), name, fields, json.getString("hint", ""));
  }

  @Override
  public CheckResult run(CheckContext context) {
    String object = kind.kind() + " " + name;
    // creation times do not matter to a field check: any instant will do
    Optional<KubeObject> found =
        new KubeObjects(context.snapshot(), Instant.EPOCH).get(kind, namespace, name);
    if (found.isEmpty()) {
      return CheckResult.fail(
          "There is no "
              + object
              + (kind.namespaced() ? " in namespace " + namespace : "")
              + " yet."
              + suffix(hint));
    }
    List<String> good = new ArrayList<>();
    for (Field f : fields) {
      String actual;
      try {
        actual = JsonPath.evaluate(f.jsonpath(), found.get().json()).strip();
      } catch (JsonPath.JsonPathException e) {
        return CheckResult.fail(
            "The lab could not read " + f.what() + " of " + object + ": " + e.getMessage());
      }
      if (!actual.equals(f.equals())) {
        return CheckResult.fail(
            capitalize(f.what())
                + " in "
                + object
                + " "
                + mismatch(actual, f.equals())
                + "."
                + suffix(hint));
      }
      good.add(f.what() + (f.equals().isEmpty() ? " is not set" : " is " + f.equals()));
    }
    return CheckResult.pass(
        good.isEmpty()
            ? object + " exists."
            : "Well done: in " + object + ", " + String.join("; ", good) + ".");
  }

  private static String mismatch(String actual, String expected) {
    if (expected.isEmpty()) {
      return "is " + actual + ", but should not be set";
    }
    if (actual.isEmpty()) {
      return "is not set yet (it should be " + expected + ")";
    }
    return "is " + actual + ", not " + expected;
  }

  private static String suffix(String hint) {
    return hint == null || hint.isBlank() ? "" : " " + hint;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
