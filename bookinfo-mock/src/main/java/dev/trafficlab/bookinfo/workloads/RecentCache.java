package dev.trafficlab.bookinfo.workloads;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small least-recently-used memo of a pure function, one per thread (so never shared or locked):
 * the workloads answer the same few bodies over and over, so parsing and rendering them once per
 * event loop is enough. Values must be treated as read-only by every user.
 */
final class RecentCache<K, V> {
  private final int capacity;
  private final ThreadLocal<LinkedHashMap<K, V>> maps;

  RecentCache(int capacity) {
    this.capacity = capacity;
    this.maps =
        ThreadLocal.withInitial(
            () ->
                new LinkedHashMap<>(capacity * 2, 0.75f, true) {
                  @Override
                  protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                    return size() > RecentCache.this.capacity;
                  }
                });
  }

  /** The memoised value; a function that throws caches nothing. */
  V get(K key, Function<K, V> compute) {
    LinkedHashMap<K, V> m = maps.get();
    V v = m.get(key);
    if (v == null) {
      v = compute.apply(key);
      m.put(key, v);
    }
    return v;
  }
}
