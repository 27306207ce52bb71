package io.pitchey.aggregator.sketch;

import java.util.Arrays;

/**
 * An immutable latency sketch in the stored format (contracts §4), field for field the SQL type
 * {@code metrics.latency_sketch}: sparse {@code bins} (ascending indexes) with their {@code
 * counts}, the zero count, and the exact {@code min}, {@code max}, {@code sum} and {@code count},
 * all in microseconds.
 *
 * <p>Guarantees, checked by the constructor (which throws {@link IllegalArgumentException}):
 *
 * <ul>
 *   <li>{@code bins} and {@code counts} have equal lengths; bins are strictly ascending, each in
 *       [0, {@link SketchBins#MAX_BIN}]; counts are positive;
 *   <li>{@code zeroCount ≥ 0} and {@code count = zeroCount + Σ counts} (no overflow);
 *   <li>if {@code count > 0}: {@code 0 ≤ min ≤ max ≤ 2^63}; {@code sum} is finite and ≥ 0;
 *   <li>if {@code count = 0}: {@code min} and {@code max} are NaN, whatever was passed (SQL stores
 *       NULL there), and {@code sum} is 0.
 * </ul>
 *
 * The arrays are copied in and out, so an instance never changes. {@link #equals} compares
 * contents.
 *
 * <p>Convert with {@link LatencySketch#from(SketchSnapshot)} and {@link LatencySketch#snapshot()}.
 */
public record SketchSnapshot(
    long zeroCount, int[] bins, long[] counts, double min, double max, double sum, long count) {

  /** The sketch of no values. */
  public static final SketchSnapshot EMPTY =
      new SketchSnapshot(0, new int[0], new long[0], Double.NaN, Double.NaN, 0, 0);

  public SketchSnapshot {
    if (bins == null || counts == null) {
      throw new IllegalArgumentException("bins and counts are required (empty arrays for none)");
    }
    if (bins.length != counts.length) {
      throw new IllegalArgumentException(
          "bins and counts differ in length: "
              + bins.length
              + " bins, "
              + counts.length
              + " counts");
    }
    bins = bins.clone();
    counts = counts.clone();
    if (zeroCount < 0) {
      throw new IllegalArgumentException("zeroCount must be >= 0, got " + zeroCount);
    }
    long total = zeroCount;
    for (int k = 0; k < bins.length; k++) {
      if (!SketchBins.isValidBin(bins[k])) {
        throw new IllegalArgumentException(
            "bin " + bins[k] + " at position " + k + " is outside [0, " + SketchBins.MAX_BIN + "]");
      }
      if (k > 0 && bins[k] <= bins[k - 1]) {
        throw new IllegalArgumentException(
            "bins must be strictly ascending, but bin "
                + bins[k]
                + " at position "
                + k
                + " follows "
                + bins[k - 1]);
      }
      if (counts[k] <= 0) {
        throw new IllegalArgumentException(
            "count of bin " + bins[k] + " must be positive, got " + counts[k]);
      }
      try {
        total = Math.addExact(total, counts[k]);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("the counts overflow a long", e);
      }
    }
    if (count != total) {
      throw new IllegalArgumentException(
          "count " + count + " differs from zeroCount + the bins' counts = " + total);
    }
    checkSummary(count, min, max, sum);
    if (count == 0) {
      min = Double.NaN;
      max = Double.NaN;
    }
  }

  /**
   * The checks of min, max and sum, shared with {@link SketchCodec}; min and max are ignored when
   * the count is 0.
   */
  static void checkSummary(long count, double min, double max, double sum) {
    if (count == 0) {
      if (sum != 0) {
        throw new IllegalArgumentException("an empty sketch must have sum 0, got " + sum);
      }
      return;
    }
    if (!(min >= 0 && min <= max && max <= SketchBins.MAX_VALUE)) {
      throw new IllegalArgumentException(
          "need 0 <= min <= max <= 2^63, got min " + min + ", max " + max);
    }
    if (!(sum >= 0 && sum < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("sum must be finite and >= 0, got " + sum);
    }
  }

  /** The bin indexes, ascending. A fresh copy. */
  @Override
  public int[] bins() {
    return bins.clone();
  }

  /** The counts of {@link #bins()}, in the same order. A fresh copy. */
  @Override
  public long[] counts() {
    return counts.clone();
  }

  /** The number of non-empty bins. */
  public int binCount() {
    return bins.length;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  /**
   * Equal contents; doubles compare as by {@link Double#compare}, so the NaNs of empty snapshots
   * match.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof SketchSnapshot s
        && zeroCount == s.zeroCount
        && count == s.count
        && Double.compare(min, s.min) == 0
        && Double.compare(max, s.max) == 0
        && Double.compare(sum, s.sum) == 0
        && Arrays.equals(bins, s.bins)
        && Arrays.equals(counts, s.counts);
  }

  @Override
  public int hashCode() {
    int h = Long.hashCode(zeroCount);
    h = 31 * h + Arrays.hashCode(bins);
    h = 31 * h + Arrays.hashCode(counts);
    h = 31 * h + Double.hashCode(min);
    h = 31 * h + Double.hashCode(max);
    h = 31 * h + Double.hashCode(sum);
    return 31 * h + Long.hashCode(count);
  }

  @Override
  public String toString() {
    return "SketchSnapshot[zeroCount="
        + zeroCount
        + ", bins="
        + Arrays.toString(bins)
        + ", counts="
        + Arrays.toString(counts)
        + ", min="
        + min
        + ", max="
        + max
        + ", sum="
        + sum
        + ", count="
        + count
        + "]";
  }
}
