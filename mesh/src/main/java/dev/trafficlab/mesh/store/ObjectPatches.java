package dev.trafficlab.mesh.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The patches kubectl patch sends, applied to an object as JSON-like maps: JSON merge patch (RFC
 * 7386), strategic merge patch as far as lessons use it (lists of named items, such as containers,
 * merge by name) and JSON patch (RFC 6902: add, remove, replace, test, move, copy).
 */
final class ObjectPatches {
  private ObjectPatches() {}

  /** A patch that cannot be applied; the message is the API server's. */
  static final class PatchException extends RuntimeException {
    PatchException(String message) {
      super(message);
    }
  }

  /** RFC 7386; {@code strategic} merges lists of maps that all carry "name" by that name. */
  @SuppressWarnings("unchecked")
  static Object merge(Object target, Object patch, boolean strategic) {
    if (!(patch instanceof Map<?, ?> pm)) {
      if (strategic
          && patch instanceof List<?> pl
          && target instanceof List<?> tl
          && named(pl)
          && named(tl)) {
        return mergeByName((List<Object>) tl, (List<Object>) pl);
      }
      return patch;
    }
    Map<String, Object> out =
        target instanceof Map<?, ?> tm
            ? new LinkedHashMap<>((Map<String, Object>) tm)
            : new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : pm.entrySet()) {
      String k = String.valueOf(e.getKey());
      if (e.getValue() == null) {
        out.remove(k);
      } else {
        out.put(k, merge(out.get(k), e.getValue(), strategic));
      }
    }
    return out;
  }

  private static boolean named(List<?> l) {
    return !l.isEmpty()
        && l.stream().allMatch(o -> o instanceof Map<?, ?> m && m.get("name") != null);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> mergeByName(List<Object> target, List<Object> patch) {
    List<Object> out = new ArrayList<>(target);
    for (Object p : patch) {
      Object name = ((Map<String, Object>) p).get("name");
      int at = -1;
      for (int i = 0; i < out.size(); i++) {
        if (Objects.equals(((Map<String, Object>) out.get(i)).get("name"), name)) {
          at = i;
        }
      }
      if (at < 0) {
        out.add(p);
      } else {
        out.set(at, merge(out.get(at), p, true));
      }
    }
    return out;
  }

  /** RFC 6902. */
  @SuppressWarnings("unchecked")
  static Object jsonPatch(Object doc, Object patch) {
    if (!(patch instanceof List<?> ops)) {
      throw new PatchException(
          "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
    }
    Object out = deepCopy(doc);
    for (Object o : ops) {
      if (!(o instanceof Map<?, ?> op)) {
        throw new PatchException(
            "json: cannot unmarshal into Go value of type jsonpatch.Operation");
      }
      String kind = String.valueOf(op.get("op"));
      String path = String.valueOf(op.get("path"));
      switch (kind) {
        case "add" -> out = put(out, path, op.get("value"), true);
        case "replace" -> {
          get(out, path, "replace");
          out = put(out, path, op.get("value"), false);
        }
        case "remove" -> out = remove(out, path);
        case "test" -> {
          if (!Objects.equals(get(out, path, "test"), op.get("value"))) {
            throw new PatchException("testing value " + path + " failed: test failed");
          }
        }
        case "move" -> {
          String from = String.valueOf(op.get("from"));
          Object v = get(out, from, "move");
          out = put(remove(out, from), path, v, true);
        }
        case "copy" -> {
          Object v = get(out, String.valueOf(op.get("from")), "copy");
          out = put(out, path, deepCopy(v), true);
        }
        default -> throw new PatchException("Unexpected kind: " + kind);
      }
    }
    return out;
  }

  private static List<String> pointer(String path) {
    if (path.isEmpty()) {
      return List.of();
    }
    List<String> parts = new ArrayList<>();
    for (String p : path.substring(1).split("/", -1)) {
      parts.add(p.replace("~1", "/").replace("~0", "~"));
    }
    return parts;
  }

  private static Object get(Object doc, String path, String op) {
    Object cur = doc;
    for (String p : pointer(path)) {
      if (cur instanceof Map<?, ?> m && m.containsKey(p)) {
        cur = m.get(p);
      } else if (cur instanceof List<?> l && index(p, l.size() - 1) >= 0) {
        cur = l.get(index(p, l.size() - 1));
      } else {
        throw new PatchException(
            "jsonpatch " + op + " operation does not apply: doc is missing path: \"" + path + "\"");
      }
    }
    return cur;
  }

  @SuppressWarnings("unchecked")
  private static Object put(Object doc, String path, Object value, boolean insert) {
    List<String> parts = pointer(path);
    if (parts.isEmpty()) {
      return value;
    }
    Object parent =
        get(
            doc,
            "/" + String.join("/", parts.subList(0, parts.size() - 1)).replace("~", "~0"),
            "add");
    if (parts.size() == 1) {
      parent = doc;
    }
    String last = parts.get(parts.size() - 1);
    if (parent instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).put(last, value);
    } else if (parent instanceof List<?> l) {
      List<Object> list = (List<Object>) l;
      int i = last.equals("-") ? list.size() : index(last, insert ? list.size() : list.size() - 1);
      if (i < 0) {
        throw new PatchException("jsonpatch add operation does not apply: index out of range");
      }
      if (insert) {
        list.add(i, value);
      } else {
        list.set(i, value);
      }
    } else {
      throw new PatchException(
          "jsonpatch add operation does not apply: doc is missing path: \"" + path + "\"");
    }
    return doc;
  }

  private static Object remove(Object doc, String path) {
    List<String> parts = pointer(path);
    get(doc, path, "remove");
    Object parent =
        parts.size() == 1
            ? doc
            : get(doc, "/" + String.join("/", parts.subList(0, parts.size() - 1)), "remove");
    String last = parts.get(parts.size() - 1);
    if (parent instanceof Map<?, ?> m) {
      m.remove(last);
    } else if (parent instanceof List<?> l) {
      l.remove(index(last, l.size() - 1));
    }
    return doc;
  }

  private static int index(String s, int max) {
    try {
      int i = Integer.parseInt(s);
      return i >= 0 && i <= max ? i : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @SuppressWarnings("unchecked")
  static Object deepCopy(Object o) {
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), deepCopy(v)));
      return out;
    }
    if (o instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(v -> out.add(deepCopy(v)));
      return out;
    }
    return o;
  }
}
