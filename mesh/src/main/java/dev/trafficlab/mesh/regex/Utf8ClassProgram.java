package dev.trafficlab.mesh.regex;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts the byte-range instructions RE2's compiler emits for one character class in UTF-8 mode:
 * each rune range split into sequences of byte ranges, continuation-byte suffixes shared through a
 * cache, leading bytes merged into a trie with the most recent alternative, and 0x80-0x10FFFF in
 * its six-instruction short form. Only the count is kept (a few small arrays, bounded by {@link
 * #LIMIT}), never a program.
 */
final class Utf8ClassProgram {
  /**
   * Beyond this many instructions the count stops: the class alone is then far over any program
   * limit.
   */
  static final int LIMIT = 200_000;

  private int[] lo = new int[64];
  private int[] hi = new int[64];
  private int[] out = new int[64];
  private int[] out1 = new int[64];
  private boolean[] alt = new boolean[64];
  private int n = 1; // instruction 0 is "nothing"
  private final Map<Long, Integer> cache = new HashMap<>();
  private int begin;
  private int special;
  private boolean full;

  /** The instruction count of the class with these normalised ranges. */
  static long count(int[] ranges) {
    Utf8ClassProgram p = new Utf8ClassProgram();
    boolean foldsAscii = foldsAscii(ranges);
    for (int i = 0; i + 1 < ranges.length && !p.full; i += 2) {
      int l = ranges[i];
      int h = ranges[i + 1];
      if (foldsAscii && l >= 'A' && h <= 'Z') {
        continue; // compiled as the lower-case range with the fold flag
      }
      p.addRange(l, h);
    }
    return p.full ? LIMIT : p.flattened() + p.special;
  }

  /** True when every ASCII letter in the class has its other case in it too (RE2's FoldsASCII). */
  private static boolean foldsAscii(int[] ranges) {
    boolean any = false;
    for (char c = 'a'; c <= 'z'; c++) {
      boolean lower = contains(ranges, c);
      boolean upper = contains(ranges, Character.toUpperCase(c));
      if (lower != upper) {
        return false;
      }
      any |= lower;
    }
    return any;
  }

  private static boolean contains(int[] ranges, int c) {
    for (int i = 0; i + 1 < ranges.length; i += 2) {
      if (c >= ranges[i] && c <= ranges[i + 1]) {
        return true;
      }
    }
    return false;
  }

  private void addRange(int l, int h) {
    if (full || l > h) {
      return;
    }
    if (l == 0x80 && h == CodePointRanges.MAX_RUNE) {
      special += 6;
      return;
    }
    for (int max : new int[] {0x7F, 0x7FF, 0xFFFF}) {
      if (l <= max && max < h) {
        addRange(l, max);
        addRange(max + 1, h);
        return;
      }
    }
    if (h < 0x80) {
      addSuffix(inst(l, h, 0));
      return;
    }
    for (int i = 1; i < 4; i++) {
      int m = (1 << (6 * i)) - 1;
      if ((l & ~m) != (h & ~m)) {
        if ((l & m) != 0) {
          addRange(l, l | m);
          addRange((l | m) + 1, h);
          return;
        }
        if ((h & m) != m) {
          addRange(l, (h & ~m) - 1);
          addRange(h & ~m, h);
          return;
        }
      }
    }
    byte[] a = utf8(l);
    byte[] b = utf8(h);
    int id = 0;
    for (int i = a.length - 1; i >= 0; i--) {
      int bl = a[i] & 0xFF;
      int bh = b[i] & 0xFF;
      boolean cached = i == a.length - 1 || (i != 0 && bl == bh);
      id = cached ? cachedInst(bl, bh, id) : inst(bl, bh, id);
    }
    addSuffix(id);
  }

  private void addSuffix(int id) {
    begin = begin == 0 ? id : addSuffixRecursive(begin, id);
  }

  private int addSuffixRecursive(int root, int id) {
    int br;
    boolean viaAlt;
    if (!alt[root]) {
      if (!sameRange(root, id)) {
        return newAlt(root, id);
      }
      br = root;
      viaAlt = false;
    } else {
      if (!sameRange(out1[root], id)) {
        return newAlt(root, id);
      }
      br = out1[root];
      viaAlt = true;
    }
    if (isCached(br)) {
      int clone = inst(lo[br], hi[br], out[br]);
      if (viaAlt) {
        out1[root] = clone;
      } else {
        root = clone;
      }
      br = clone;
    }
    int next = addSuffixRecursive(out[br], out[id]);
    out[br] = next;
    return root;
  }

  private boolean sameRange(int a, int b) {
    return !alt[a] && !alt[b] && lo[a] == lo[b] && hi[a] == hi[b];
  }

  private boolean isCached(int id) {
    return cache.containsKey(key(lo[id], hi[id], out[id]));
  }

  private static long key(int l, int h, int next) {
    return ((long) l << 40) | ((long) h << 32) | next;
  }

  private int cachedInst(int l, int h, int next) {
    Integer id = cache.get(key(l, h, next));
    if (id == null) {
      id = inst(l, h, next);
      cache.put(key(l, h, next), id);
    }
    return id;
  }

  private int inst(int l, int h, int next) {
    int id = alloc();
    lo[id] = l;
    hi[id] = h;
    out[id] = next;
    return id;
  }

  private int newAlt(int a, int b) {
    int id = alloc();
    alt[id] = true;
    out[id] = a;
    out1[id] = b;
    return id;
  }

  private int alloc() {
    if (n >= LIMIT) {
      full = true;
      return 0;
    }
    if (n == lo.length) {
      int size = n * 2;
      lo = Arrays.copyOf(lo, size);
      hi = Arrays.copyOf(hi, size);
      out = Arrays.copyOf(out, size);
      out1 = Arrays.copyOf(out1, size);
      alt = Arrays.copyOf(alt, size);
    }
    return n++;
  }

  /**
   * The instructions left once RE2 flattens the program: alternations disappear and every
   * instruction that is the target of a byte range becomes a list of the byte ranges it reaches
   * through alternations, so a shared suffix reached both directly and through an alternation is
   * counted in each list.
   */
  private long flattened() {
    if (begin == 0 || full) {
      return 0;
    }
    BitSet isRoot = new BitSet(n);
    Deque<Integer> roots = new ArrayDeque<>();
    roots.push(begin);
    isRoot.set(begin);
    long count = 0;
    while (!roots.isEmpty()) {
      int root = roots.pop();
      BitSet inList = new BitSet();
      Deque<Integer> todo = new ArrayDeque<>();
      todo.push(root);
      while (!todo.isEmpty()) {
        int id = todo.pop();
        if (id == 0 || inList.get(id)) {
          continue;
        }
        inList.set(id);
        if (alt[id]) {
          todo.push(out1[id]);
          todo.push(out[id]);
        } else {
          count++;
          int next = out[id];
          if (next != 0 && !isRoot.get(next)) {
            isRoot.set(next);
            roots.push(next);
          }
        }
      }
    }
    return count;
  }

  private static byte[] utf8(int cp) {
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      return new byte[] {
        (byte) 0xED, (byte) (0x80 | ((cp >> 6) & 0x3F)), (byte) (0x80 | (cp & 0x3F))
      };
    }
    return new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
