package dev.trafficlab.mesh.store;

import dev.trafficlab.mesh.model.ObjectMeta;
import dev.trafficlab.mesh.model.Resource;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * About how many characters a snapshot's objects hold (names, labels, annotations and the spec as
 * given), so a sandbox can count what its applied resources keep. Objects are immutable and shared
 * between snapshots, so each object's size is computed once, when it first appears.
 */
final class StoredSize {
  private IdentityHashMap<Resource, Long> sizes = new IdentityHashMap<>();

  /** The snapshot's total; forgets objects no longer in it. */
  long of(Snapshot snapshot) {
    IdentityHashMap<Resource, Long> next = new IdentityHashMap<>();
    long total = 0;
    for (Resource r : snapshot.allObjects().values()) {
      Long size = sizes.get(r);
      if (size == null) {
        size = of(r);
      }
      next.put(r, size);
      total += size;
    }
    sizes = next;
    return total;
  }

  static long of(Resource r) {
    ObjectMeta m = r.meta();
    long n = 64 + length(m.name()) + length(m.namespace());
    n += of(m.labels()) + of(m.annotations());
    return n + of(r.rawSpec());
  }

  private static long of(Object value) {
    if (value instanceof String s) {
      return s.length();
    }
    if (value instanceof Map<?, ?> map) {
      long n = 16;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        n += of(e.getKey()) + of(e.getValue()) + 8;
      }
      return n;
    }
    if (value instanceof List<?> list) {
      long n = 16;
      for (Object o : list) {
        n += of(o) + 4;
      }
      return n;
    }
    return 8;
  }

  private static long length(String s) {
    return s == null ? 0 : s.length();
  }
}
