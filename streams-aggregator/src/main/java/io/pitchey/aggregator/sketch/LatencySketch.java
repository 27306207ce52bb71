package io.pitchey.aggregator.sketch;

import java.util.function.LongConsumer;

/**
 * A mergeable latency sketch (contracts §4): the distribution of durations in microseconds, kept as
 * counts per logarithmic bin ({@link SketchBins}) plus the exact count, sum, minimum and maximum.
 *
 * <p><b>Accuracy.</b> {@link #quantile(double) quantile(q)} is within 1 % (α, plus the
 * 2<sup>-32</sup> by which {@link SketchBins#representative} rounds) of the exact order statistic
 * at 0-based rank ⌊q·(n − 1)⌋, for any data, however skewed: the answer is the representative of
 * the bin holding that rank, clamped to [{@link #min()}, {@link #max()}]. Merging loses nothing:
 * merging sketches gives exactly the sketch of all their values, in any order or grouping. Bins are
 * never collapsed; the whole {@code long} range takes at most {@link SketchBins#MAX_BIN} + 1 =
 * 2,184 bins.
 *
 * <p><b>Same as SQL.</b> The SQL functions of migration V3 ({@code metrics.sketch_of}, {@code
 * metrics.sketch_quantile}, {@code metrics.sketch_merge}) compute the same bins and bit-identical
 * quantiles; {@code testdata/sketch-vectors.json} holds the vectors both sides test against.
 *
 * <p><b>Empty sketch.</b> {@link #quantile}, {@link #min()} and {@link #max()} return {@code NaN}
 * when the sketch has no values (a primitive result keeps the per-window hot path free of boxing;
 * SQL returns {@code NULL} there).
 *
 * <p>Values below 1 µs (that is, 0) go to the {@link #zeroCount()}; their representative is 0,
 * clamped to the minimum like any other. The sum is a {@code double}: exact while it stays below
 * 2<sup>53</sup> µs (285 years).
 *
 * <p>Not thread-safe: a Kafka Streams aggregator owns one per window and key. Equality is identity;
 * to compare contents, compare {@link #snapshot()}s. For a compact binary form, see {@link
 * SketchCodec}.
 */
public final class LatencySketch implements LongConsumer {

  private final BinCounts bins;

  private long zeroCount;

  private long count;

  private double sum;

  /** +∞ and −∞ while empty, so that min/max need no special case; exposed as NaN. */
  private double min = Double.POSITIVE_INFINITY;

  private double max = Double.NEGATIVE_INFINITY;

  /** An empty sketch. */
  public LatencySketch() {
    this(new BinCounts());
  }

  private LatencySketch(BinCounts bins) {
    this.bins = bins;
  }

  /** A sketch with the contents of a snapshot (which has been validated on construction). */
  public static LatencySketch from(SketchSnapshot snapshot) {
    return restore(
        snapshot.zeroCount(),
        snapshot.bins(),
        snapshot.counts(),
        snapshot.min(),
        snapshot.max(),
        snapshot.sum(),
        snapshot.count());
  }

  /**
   * A sketch of contents that the caller has validated as {@link SketchSnapshot}'s constructor
   * does; the arrays are not copied.
   */
  static LatencySketch restore(
      long zeroCount, int[] bins, long[] counts, double min, double max, double sum, long count) {
    LatencySketch sketch = new LatencySketch(BinCounts.ofSorted(bins, counts));
    sketch.zeroCount = zeroCount;
    sketch.count = count;
    sketch.sum = sum;
    if (count > 0) {
      sketch.min = min;
      sketch.max = max;
    }
    return sketch;
  }

  /**
   * Records one duration.
   *
   * @param micros a duration in microseconds; 0 goes to the zero count
   * @throws IllegalArgumentException if negative
   */
  @Override
  public void accept(long micros) {
    if (micros < 0) {
      throw new IllegalArgumentException("a duration cannot be negative, got " + micros + " µs");
    }
    if (micros < SketchBins.MIN_BINNED_VALUE) {
      zeroCount++;
    } else {
      bins.add(SketchBins.binOf(micros), 1);
    }
    count++;
    double value = micros;
    sum += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
  }

  /** Adds all values of another sketch to this one. The other sketch is not changed. */
  public void merge(LatencySketch other) {
    if (other == this) {
      other = other.copy(); // adding our bins to themselves while iterating them would double-count
    }
    bins.addAll(other.bins);
    zeroCount = Math.addExact(zeroCount, other.zeroCount);
    count = Math.addExact(count, other.count);
    sum += other.sum;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
  }

  /**
   * The q-quantile: the representative value of the bin holding the value at 0-based rank ⌊q·(count
   * − 1)⌋, clamped to [{@link #min()}, {@link #max()}].
   *
   * @param q in [0, 1]
   * @return the quantile in µs, or {@code NaN} if the sketch is empty
   * @throws IllegalArgumentException if q is outside [0, 1] or NaN (checked even when empty)
   */
  public double quantile(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("the quantile q must be in [0, 1], got " + q);
    }
    if (count == 0) {
      return Double.NaN;
    }
    // the same double arithmetic as metrics.sketch_quantile: (count - 1) converted, multiplied,
    // floored
    long rank = (long) Math.floor(q * (count - 1));
    double representative =
        rank < zeroCount ? 0.0 : SketchBins.representative(bins.binAtRank(rank - zeroCount));
    return Math.min(Math.max(representative, min), max);
  }

  /** The number of values recorded, including zeros. */
  public long count() {
    return count;
  }

  /** The number of values below 1 µs. */
  public long zeroCount() {
    return zeroCount;
  }

  /** The exact smallest value, or NaN if empty. */
  public double min() {
    return count == 0 ? Double.NaN : min;
  }

  /** The exact largest value, or NaN if empty. */
  public double max() {
    return count == 0 ? Double.NaN : max;
  }

  /** The sum of all values, in µs. */
  public double sum() {
    return sum;
  }

  /** Whether no value has been recorded. */
  public boolean isEmpty() {
    return count == 0;
  }

  /** The number of non-empty bins. */
  public int binCount() {
    return bins.size();
  }

  /** The indexes of the non-empty bins, ascending. A fresh array. */
  public int[] bins() {
    return bins.bins();
  }

  /** The counts of the bins of {@link #bins()}, in the same order, all positive. A fresh array. */
  public long[] counts() {
    return bins.counts();
  }

  /** An immutable copy of the current contents. */
  public SketchSnapshot snapshot() {
    return new SketchSnapshot(zeroCount, bins.bins(), bins.counts(), min(), max(), sum, count);
  }

  /** An independent copy. */
  public LatencySketch copy() {
    LatencySketch copy = new LatencySketch(bins.copy());
    copy.zeroCount = zeroCount;
    copy.count = count;
    copy.sum = sum;
    copy.min = min;
    copy.max = max;
    return copy;
  }

  @Override
  public String toString() {
    return "LatencySketch[count="
        + count
        + ", zeroCount="
        + zeroCount
        + ", bins="
        + bins.size()
        + ", min="
        + min()
        + ", max="
        + max()
        + ", sum="
        + sum
        + "]";
  }

  /** For {@link SketchCodec}: calls {@code consumer} with each non-empty bin, ascending. */
  void forEachBin(BinCounts.BinConsumer consumer) {
    bins.forEach(consumer);
  }
}
