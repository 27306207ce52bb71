package io.pitchey.aggregator.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link SketchBins} implements the contract's bins exactly for integer microseconds, robustly
 * enough that any correctly implemented {@code log} (Java's, glibc's in PostgreSQL) agrees.
 */
class SketchBinsTest {

  /**
   * The integers on either side of every bin boundary in 1 µs..1 h: where a wrong bin would show.
   */
  private static final long[] NEAR_BOUNDARIES =
      SketchVectorsGenerator.boundaryNeighbours(1, SketchVectorsGenerator.ONE_HOUR);

  /**
   * γ = 101/99 exactly, so "γ<sup>i</sup> ≤ v &lt; γ<sup>i+1</sup>" is decided without rounding as
   * 101<sup>i</sup> ≤ v·99<sup>i</sup> and v·99<sup>i+1</sup> &lt; 101<sup>i+1</sup>.
   */
  @Test
  void everyIntegerNearABoundaryIsInTheContractsBin() {
    List<BigInteger> powersOf101 = powers(101, SketchBins.MAX_BIN + 1);
    List<BigInteger> powersOf99 = powers(99, SketchBins.MAX_BIN + 1);
    assertThat(NEAR_BOUNDARIES).hasSizeGreaterThan(3_000);
    for (long value : NEAR_BOUNDARIES) {
      int bin = SketchBins.binOf(value);
      BigInteger v = BigInteger.valueOf(value);
      assertThat(powersOf101.get(bin))
          .as("γ^%d <= %d", bin, value)
          .isLessThanOrEqualTo(v.multiply(powersOf99.get(bin)));
      assertThat(v.multiply(powersOf99.get(bin + 1)))
          .as("%d < γ^%d", value, bin + 1)
          .isLessThan(powersOf101.get(bin + 1));
    }
  }

  /**
   * The index is ⌊log(v)·multiplier⌋; computing it rounds {@code log} and the product, an error of
   * a few units in the last place of a number below 1,101 (10<sup>-12</sup> at most). Every integer
   * near a boundary is more than 10<sup>-11</sup> index units away from it (the closest,
   * 2404769859, is 5.9·10<sup>-11</sup> away), and every other integer is at least one unit of v,
   * i.e. more than 10<sup>-8</sup> index units, away. So no faithful {@code log} can change the bin
   * of an integer in 1 µs..1 h, and Java and PostgreSQL agree on all of them, not only on the
   * tested ones. (1 µs, exactly on the boundary of bin 0, is safe too: log(1) is exactly 0
   * everywhere.)
   */
  @Test
  void integersAreFarEnoughFromBoundariesForAnyFaithfulLog() {
    double closest = Double.POSITIVE_INFINITY;
    for (long value : NEAR_BOUNDARIES) {
      if (value > 1) {
        double position = Math.log(value) / Math.log(SketchBins.GAMMA);
        closest = Math.min(closest, Math.abs(position - Math.rint(position)));
      }
    }
    assertThat(closest).isGreaterThan(1e-11);
  }

  @Test
  void representativeIsWithinTheRelativeAccuracyOfItsWholeBin() {
    double tolerance =
        SketchBins.RELATIVE_ACCURACY + SketchBins.ROUNDING + 1e-15; // 1e-15: exp's own error
    for (int bin = 0; bin < SketchBins.MAX_BIN; bin++) {
      double representative = SketchBins.representative(bin);
      double lowest = SketchBins.lowerBound(bin);
      double beyondHighest = SketchBins.lowerBound(bin + 1);
      assertThat(representative / lowest - 1)
          .as("bin %d, lowest value", bin)
          .isBetween(0.0, tolerance);
      assertThat(1 - representative / beyondHighest)
          .as("bin %d, highest value", bin)
          .isBetween(0.0, tolerance);
    }
  }

  @Test
  void representativeIsGammaToTheBinTimesOnePlusAlpha() {
    for (int bin = 0; bin <= SketchBins.MAX_BIN; bin++) {
      double contract = Math.pow(SketchBins.GAMMA, bin) * (1 + SketchBins.RELATIVE_ACCURACY);
      double tolerance = SketchBins.ROUNDING + 1e-12; // 1e-12: the errors of exp and pow
      assertThat(SketchBins.representative(bin) / contract - 1)
          .as("bin %d", bin)
          .isBetween(-tolerance, tolerance);
    }
  }

  @Test
  void domainIsEveryPositiveLong() {
    assertThat(SketchBins.binOf(1)).isZero();
    assertThat(SketchBins.binOf(Math.nextDown(SketchBins.GAMMA))).isZero();
    assertThat(SketchBins.binOf(SketchBins.GAMMA)).isEqualTo(1);
    assertThat(SketchBins.binOf(Long.MAX_VALUE)).isEqualTo(SketchBins.MAX_BIN);
    assertThat(SketchBins.binOf(SketchVectorsGenerator.ONE_HOUR)).isEqualTo(1100);
  }

  @Test
  void rejectsValuesAndBinsOutsideTheDomain() {
    for (double value :
        new double[] {0, 0.999, -1, Double.NaN, Double.POSITIVE_INFINITY, Math.nextUp(0x1p63)}) {
      assertThatIllegalArgumentException()
          .as("value %s", value)
          .isThrownBy(() -> SketchBins.binOf(value));
    }
    for (int bin : new int[] {-1, SketchBins.MAX_BIN + 1, Integer.MIN_VALUE}) {
      assertThatIllegalArgumentException()
          .as("bin %d", bin)
          .isThrownBy(() -> SketchBins.representative(bin));
    }
  }

  private static List<BigInteger> powers(int base, int highest) {
    List<BigInteger> powers = new ArrayList<>(highest + 1);
    BigInteger power = BigInteger.ONE;
    for (int exponent = 0; exponent <= highest; exponent++) {
      powers.add(power);
      power = power.multiply(BigInteger.valueOf(base));
    }
    return powers;
  }
}
