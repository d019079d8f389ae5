package dev.trafficlab.mesh.regex;

import java.util.Arrays;

/**
 * A growable set of inclusive code point ranges, normalised (sorted, merged) on {@link #toArray()}.
 */
final class CodePointRanges {
  static final int MAX_RUNE = 0x10FFFF;

  private int[] pairs = new int[8];
  private int size;

  CodePointRanges add(int lo, int hi) {
    if (lo > hi) {
      return this;
    }
    if (size + 2 > pairs.length) {
      pairs = Arrays.copyOf(pairs, pairs.length * 2);
    }
    pairs[size++] = lo;
    pairs[size++] = hi;
    return this;
  }

  CodePointRanges addAll(int[] ranges) {
    for (int i = 0; i + 1 < ranges.length; i += 2) {
      add(ranges[i], ranges[i + 1]);
    }
    return this;
  }

  CodePointRanges addNegated(int[] ranges) {
    return addAll(negate(ranges));
  }

  int[] toArray() {
    return normalise(Arrays.copyOf(pairs, size));
  }

  static int[] normalise(int[] raw) {
    int n = raw.length / 2;
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      packed[i] = ((long) raw[2 * i] << 32) | (raw[2 * i + 1] & 0xFFFFFFFFL);
    }
    Arrays.sort(packed);
    int[] out = new int[raw.length];
    int k = 0;
    for (long p : packed) {
      int lo = (int) (p >>> 32);
      int hi = (int) p;
      if (k > 0 && lo <= out[k - 1] + 1) {
        out[k - 1] = Math.max(out[k - 1], hi);
      } else {
        out[k++] = lo;
        out[k++] = hi;
      }
    }
    return Arrays.copyOf(out, k);
  }

  /** The complement in [0, 0x10FFFF] of normalised ranges. */
  static int[] negate(int[] ranges) {
    int[] norm = normalise(ranges);
    CodePointRanges out = new CodePointRanges();
    int next = 0;
    for (int i = 0; i < norm.length; i += 2) {
      out.add(next, norm[i] - 1);
      next = norm[i + 1] + 1;
    }
    out.add(next, MAX_RUNE);
    return out.toArray();
  }
}
