package io.pitchey.aggregator.sketch;

import java.util.Arrays;

/**
 * Counts per bin index, stored densely in a {@code long[]} that covers a window of bin indexes and
 * grows at either end. Nothing is ever collapsed.
 *
 * <p>Dense storage makes the per-event {@link #add} an array increment. The window stays small
 * because latencies of one route rarely span more than a few hundred bins (1 ms..1 s is 346 bins),
 * and the whole domain of {@code long} microseconds is only {@link SketchBins#MAX_BIN} + 1 = 2,184
 * bins (17 KB), which bounds the worst case. Not thread-safe.
 */
final class BinCounts {

  /** Room for about ±5 % around the first value; enough for many steady routes never to grow. */
  private static final int INITIAL_LENGTH = 16;

  private static final long[] NONE = new long[0];

  /** {@code counts[j]} is the count of bin {@code offset + j}. */
  private long[] counts = NONE;

  private int offset;

  /** The lowest and highest non-empty bins; {@code lowest > highest} when there are none. */
  private int lowest = Integer.MAX_VALUE;

  private int highest = Integer.MIN_VALUE;

  private int nonEmpty;

  /**
   * Counts already sorted: {@code bins} strictly ascending and valid, {@code counts} positive, as a
   * {@link SketchSnapshot} or {@link SketchCodec} guarantees. The array is allocated at its final
   * size.
   */
  static BinCounts ofSorted(int[] bins, long[] counts) {
    BinCounts result = new BinCounts();
    if (bins.length > 0) {
      result.lowest = bins[0];
      result.highest = bins[bins.length - 1];
      result.offset = result.lowest;
      result.counts = new long[result.highest - result.lowest + 1];
      for (int k = 0; k < bins.length; k++) {
        result.counts[bins[k] - result.offset] = counts[k];
      }
      result.nonEmpty = bins.length;
    }
    return result;
  }

  /** Adds {@code n > 0} to a bin's count; the bin must be valid ({@link SketchBins#isValidBin}). */
  void add(int bin, long n) {
    ensureCovers(bin, bin);
    int j = bin - offset;
    if (counts[j] == 0) {
      nonEmpty++;
    }
    counts[j] = Math.addExact(counts[j], n);
    lowest = Math.min(lowest, bin);
    highest = Math.max(highest, bin);
  }

  /** Adds every count of another instance to this one. */
  void addAll(BinCounts other) {
    if (other.nonEmpty == 0) {
      return;
    }
    ensureCovers(other.lowest, other.highest);
    for (int bin = other.lowest; bin <= other.highest; bin++) {
      long n = other.counts[bin - other.offset];
      if (n != 0) {
        int j = bin - offset;
        if (counts[j] == 0) {
          nonEmpty++;
        }
        counts[j] = Math.addExact(counts[j], n);
      }
    }
    lowest = Math.min(lowest, other.lowest);
    highest = Math.max(highest, other.highest);
  }

  /** The number of non-empty bins. */
  int size() {
    return nonEmpty;
  }

  /**
   * The bin holding the value of 0-based rank {@code rank} among the binned values in ascending
   * order.
   *
   * @param rank in [0, sum of all counts)
   */
  int binAtRank(long rank) {
    long seen = 0;
    for (int bin = lowest; bin <= highest; bin++) {
      seen += counts[bin - offset];
      if (seen > rank) {
        return bin;
      }
    }
    throw new IllegalArgumentException(
        "rank " + rank + " is beyond the " + seen + " binned values");
  }

  /** Calls {@code consumer} with each non-empty bin and its count, in ascending bin order. */
  void forEach(BinConsumer consumer) {
    for (int bin = lowest; bin <= highest; bin++) {
      long n = counts[bin - offset];
      if (n != 0) {
        consumer.accept(bin, n);
      }
    }
  }

  /** The non-empty bins, ascending. A fresh array. */
  int[] bins() {
    int[] bins = new int[nonEmpty];
    int k = 0;
    for (int bin = lowest; bin <= highest; bin++) {
      if (counts[bin - offset] != 0) {
        bins[k++] = bin;
      }
    }
    return bins;
  }

  /** The counts of {@link #bins()}, in the same order. A fresh array. */
  long[] counts() {
    long[] result = new long[nonEmpty];
    int k = 0;
    for (int bin = lowest; bin <= highest; bin++) {
      long n = counts[bin - offset];
      if (n != 0) {
        result[k++] = n;
      }
    }
    return result;
  }

  BinCounts copy() {
    BinCounts copy = new BinCounts();
    if (nonEmpty > 0) {
      copy.counts = Arrays.copyOfRange(counts, lowest - offset, highest - offset + 1);
      copy.offset = lowest;
      copy.lowest = lowest;
      copy.highest = highest;
      copy.nonEmpty = nonEmpty;
    }
    return copy;
  }

  /**
   * Makes the array cover bins {@code from..to}. Grows by at least half its length, towards the
   * side that needed it, so that a run of ever larger (or smaller) values reallocates O(log n)
   * times.
   */
  private void ensureCovers(int from, int to) {
    if (counts.length == 0) {
      int length = Math.max(INITIAL_LENGTH, to - from + 1);
      offset = Math.max(0, from - (length - (to - from + 1)) / 2);
      counts = new long[length];
      return;
    }
    int end = offset + counts.length; // exclusive
    if (from >= offset && to < end) {
      return;
    }
    int newFrom = Math.min(from, offset);
    int newEnd = Math.max(to + 1, end);
    int slack = Math.max(counts.length / 2, INITIAL_LENGTH);
    if (from < offset) {
      newFrom = Math.max(0, newFrom - slack);
    }
    if (to >= end) {
      newEnd = Math.min(newEnd + slack, SketchBins.MAX_BIN + 1); // valid bins never exceed MAX_BIN
    }
    long[] grown = new long[newEnd - newFrom];
    System.arraycopy(counts, 0, grown, offset - newFrom, counts.length);
    counts = grown;
    offset = newFrom;
  }

  /** Receives a bin and its (positive) count. */
  @FunctionalInterface
  interface BinConsumer {
    void accept(int bin, long count);
  }
}
