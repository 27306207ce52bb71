package io.pitchey.aggregator.sketch;

import com.datadoghq.sketch.ddsketch.mapping.LogarithmicMapping;

/**
 * The bins of the latency sketch (contracts §4): which bin a value falls in, and the value that
 * stands for a bin. Values are microseconds.
 *
 * <p>With relative accuracy α = 0.01 and γ = (1 + α) / (1 − α), bin {@code i} holds the values
 * {@code v} with γ<sup>i</sup> ≤ v &lt; γ<sup>i+1</sup>; values below {@link #MIN_BINNED_VALUE} (1
 * µs) belong in no bin but in the sketch's zero count. The index is computed by sketches-java's
 * {@link LogarithmicMapping} (not the {@code DDSketches} presets, whose mapping is cubically
 * interpolated and bins differently): {@code (int) floor(Math.log(v) * multiplier)}, where {@code
 * multiplier = 1 / Math.log1p(γ − 1)} ≈ 49.99833328888678. The SQL function {@code
 * metrics.sketch_bin} repeats that computation with the same double constant.
 *
 * <p><b>Agreement with SQL.</b> Bin indexes of integer values (the only values the pipeline
 * produces) do not depend on the platform's {@code log}: every integer in [2, 3.6·10<sup>9</sup>]
 * lies at least 5.9·10<sup>-11</sup> index units from a bin boundary, about 200 times the rounding
 * error of {@code log(v) * multiplier}, so any faithfully rounded {@code log} (Java's intrinsic,
 * StrictMath's fdlibm, glibc's) yields the same index (1 lies exactly on the boundary of bin 0, but
 * log(1) is exactly 0 in every library). {@code SketchBinsTest} checks that margin and {@code
 * testdata/sketch-vectors.json} pins the indexes for both languages.
 *
 * <p><b>Representative values.</b> {@link #representative(int)} is {@code
 * LogarithmicMapping.value}, which is γ<sup>i</sup>·(1 + α) computed as {@code exp(i / multiplier)
 * * (1 + α)}, <em>rounded to 32 significant bits</em>. The rounding is ours: {@code exp} is not
 * correctly rounded in any of the libraries involved, and HotSpot's intrinsic and glibc (which
 * PostgreSQL uses) disagree in the last bit for a few bins (on x86-64 with glibc 2.36: 4 of the
 * 2,184 bins of {@code long} values, 72 of the first 30,000). Rounding both sides' result to 32
 * bits absorbs such 1-ulp differences, so Java and SQL report bit-identical quantiles, unless a
 * difference straddles a rounding midpoint, a chance of about 2<sup>-21</sup> per differing bin
 * that the shared test vectors would expose (they list every bin's representative). The rounding
 * moves a representative by at most 2<sup>-32</sup> (2.3·10<sup>-10</sup>) of its value, negligible
 * next to α: quantiles are within α + 2<sup>-32</sup>.
 *
 * <p>The domain is [0, 2<sup>63</sup>] µs, i.e. every non-negative {@code long}; bins run from 0
 * (the bin of 1 µs) to {@link #MAX_BIN}. Stateless and thread-safe.
 */
public final class SketchBins {

  /** α: a bin's representative is within this fraction of every value in the bin. */
  public static final double RELATIVE_ACCURACY = 0.01;

  /** γ = (1 + α) / (1 − α), the ratio between consecutive bin boundaries. */
  public static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);

  /** Values below this (in µs) are counted in the sketch's zero count, not in a bin. */
  public static final double MIN_BINNED_VALUE = 1.0;

  /** The largest value a sketch accepts: 2<sup>63</sup> µs, {@code (double) Long.MAX_VALUE}. */
  public static final double MAX_VALUE = 0x1p63;

  /** The largest relative change that rounding a representative to 32 significant bits makes. */
  static final double ROUNDING = 0x1p-32;

  private static final LogarithmicMapping MAPPING = new LogarithmicMapping(RELATIVE_ACCURACY);

  /** The bin of {@link #MAX_VALUE}, the highest bin a valid sketch can use. */
  public static final int MAX_BIN = MAPPING.index(MAX_VALUE);

  /**
   * 2<sup>21</sup> + 1: Veltkamp's splitting constant that rounds a double's 53-bit significand to
   * 53 − 21 = 32 bits using only multiplications and subtractions, which Java and PostgreSQL
   * evaluate identically (IEEE 754 round-to-nearest, no fused multiply-add).
   */
  private static final double SPLITTER = 0x1p21 + 1;

  private SketchBins() {}

  /**
   * The bin of a value.
   *
   * @param micros a value in [{@link #MIN_BINNED_VALUE}, {@link #MAX_VALUE}]
   * @return the bin index, in [0, {@link #MAX_BIN}]
   * @throws IllegalArgumentException if the value is outside that range or NaN
   */
  public static int binOf(double micros) {
    if (!(micros >= MIN_BINNED_VALUE && micros <= MAX_VALUE)) {
      throw new IllegalArgumentException(
          "only values in [1, 2^63] µs have a bin (smaller ones go to the zero count), got "
              + micros);
    }
    return MAPPING.index(micros);
  }

  /**
   * The value that stands for every value of a bin: γ<sup>i</sup>·(1 + α), rounded to 32
   * significant bits (see the class comment for why). Within α (plus 2<sup>-32</sup>) of every
   * value of the bin.
   *
   * @param bin a bin index in [0, {@link #MAX_BIN}]
   * @throws IllegalArgumentException if the bin is out of that range
   */
  public static double representative(int bin) {
    checkBin(bin);
    return roundTo32Bits(MAPPING.value(bin));
  }

  /**
   * The smallest value of a bin, approximately γ<sup>i</sup> (as sketches-java computes it; the
   * exact boundary is irrational for every bin but 0). For tests and documentation: the sketch
   * itself never needs it.
   */
  static double lowerBound(int bin) {
    checkBin(bin);
    return MAPPING.lowerBound(bin);
  }

  /** Whether a bin index can occur in a valid sketch. */
  static boolean isValidBin(int bin) {
    return bin >= 0 && bin <= MAX_BIN;
  }

  private static void checkBin(int bin) {
    if (!isValidBin(bin)) {
      throw new IllegalArgumentException("bin must be in [0, " + MAX_BIN + "], got " + bin);
    }
  }

  /**
   * Veltkamp splitting: the high part is the value rounded to nearest with a 32-bit significand.
   */
  private static double roundTo32Bits(double value) {
    double scaled = value * SPLITTER;
    return scaled - (scaled - value);
  }
}
