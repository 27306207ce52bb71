package io.pitchey.aggregator.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatencySketchTest {

  /**
   * α, plus the representative's rounding to 32 bits, plus 10<sup>-15</sup> for exp's own error.
   */
  private static final double TOLERANCE =
      SketchBins.RELATIVE_ACCURACY + SketchBins.ROUNDING + 1e-15;

  private static final double[] QUANTILES = {
    0, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1
  };

  /** Distributions with a name, drawing one value (µs) from a generator. */
  private static final Map<String, ToLongFunction<SplittableRandom>> DISTRIBUTIONS =
      Map.of(
          "log-uniform 1 µs..1 h",
              r -> SketchVectorsGenerator.logUniform(r, 1, SketchVectorsGenerator.ONE_HOUR),
          "log-normal around 20 ms",
              r -> Math.round(20_000 * Math.exp(1.5 * SketchVectorsGenerator.gaussian(r))),
          "Pareto tail from 1 ms",
              r ->
                  Math.min(
                      Long.MAX_VALUE / 2,
                      Math.round(1_000 / Math.pow(1 - r.nextDouble(), 1 / 0.8))),
          "narrow 990..1010 µs", r -> 990 + r.nextLong(21),
          "small integers with zeros", r -> r.nextLong(8),
          "one value", r -> 123_456);

  /**
   * The contract's accuracy: every quantile is within α of the exact order statistic at rank ⌊q·(n
   * − 1)⌋ of the sorted values, whatever the distribution and size.
   */
  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {1, 2, 3, 10, 101, 1_000, 20_000})
  void quantilesAreWithinOnePercentOfTheExactOrderStatistic(int n) {
    SplittableRandom random = new SplittableRandom(n);
    DISTRIBUTIONS.forEach(
        (name, distribution) -> {
          long[] values =
              LongStream.generate(() -> distribution.applyAsLong(random)).limit(n).toArray();
          LatencySketch sketch = sketchOf(values);
          long[] sorted = values.clone();
          Arrays.sort(sorted);
          for (double q : QUANTILES) {
            double exact = sorted[(int) Math.floor(q * (n - 1))];
            assertThat(sketch.quantile(q))
                .as("%s, q = %s", name, q)
                .isCloseTo(exact, offset(exact * TOLERANCE));
          }
        });
  }

  @Test
  void keepsExactCountSumMinAndMax() {
    LatencySketch sketch = sketchOf(5, 0, 1_000_000, 17, 0);
    assertThat(sketch.count()).isEqualTo(5);
    assertThat(sketch.zeroCount()).isEqualTo(2);
    assertThat(sketch.sum()).isEqualTo(1_000_022.0);
    assertThat(sketch.min()).isZero();
    assertThat(sketch.max()).isEqualTo(1_000_000.0);
    assertThat(sketch.bins())
        .containsExactly(SketchBins.binOf(5), SketchBins.binOf(17), SketchBins.binOf(1_000_000));
    assertThat(sketch.counts()).containsExactly(1, 1, 1);
    assertThat(sketch.binCount()).isEqualTo(3);
  }

  @Test
  void ranksInTheZeroCountGiveZero() {
    LatencySketch sketch = sketchOf(0, 0, 0, 40);
    assertThat(sketch.quantile(0.5)).isZero();
    assertThat(sketch.quantile(1)).isEqualTo(40.0);
  }

  /**
   * The dense storage grows at both ends; compare it with a sorted map, the obvious sparse model.
   */
  @Test
  void binsAndCountsMatchASortedMapWhateverTheOrderOfValues() {
    SplittableRandom random = new SplittableRandom(3);
    List<Long> values = new ArrayList<>();
    LongStream.generate(() -> SketchVectorsGenerator.logUniform(random, 1, Long.MAX_VALUE / 2))
        .limit(5_000)
        .forEach(values::add);
    values.add(Long.MAX_VALUE);
    values.add(1L);
    for (List<Long> order : List.of(sorted(values, false), sorted(values, true), values)) {
      LatencySketch sketch = new LatencySketch();
      TreeMap<Integer, Long> model = new TreeMap<>();
      for (long value : order) {
        sketch.accept(value);
        model.merge(SketchBins.binOf(value), 1L, Long::sum);
      }
      assertThat(sketch.bins())
          .containsExactly(model.keySet().stream().mapToInt(Integer::intValue).toArray());
      assertThat(sketch.counts())
          .containsExactly(model.values().stream().mapToLong(Long::longValue).toArray());
    }
  }

  @Test
  void mergingEqualsAcceptingAllValuesInAnyGrouping() {
    SplittableRandom random = new SplittableRandom(5);
    long[] values =
        LongStream.generate(
                () ->
                    random.nextInt(10) == 0
                        ? 0
                        : SketchVectorsGenerator.logUniform(random, 1, 10_000_000_000L))
            .limit(10_000)
            .toArray();
    SketchSnapshot expected = sketchOf(values).snapshot();
    for (int parts : new int[] {1, 2, 7, 100}) {
      List<LatencySketch> sketches = new ArrayList<>();
      for (int p = 0; p < parts; p++) {
        sketches.add(new LatencySketch());
      }
      for (long value : values) {
        sketches.get(random.nextInt(parts)).accept(value);
      }
      Collections.shuffle(sketches, new Random(parts));
      LatencySketch merged = new LatencySketch();
      sketches.forEach(merged::merge);
      assertThat(merged.snapshot()).as("%d parts", parts).isEqualTo(expected);
    }
  }

  @Test
  void mergingWithEmptyOrItselfBehaves() {
    LatencySketch sketch = sketchOf(3, 300, 30_000);
    SketchSnapshot before = sketch.snapshot();
    sketch.merge(new LatencySketch());
    assertThat(sketch.snapshot()).isEqualTo(before);

    LatencySketch empty = new LatencySketch();
    empty.merge(sketch);
    assertThat(empty.snapshot()).isEqualTo(before);

    sketch.merge(sketch);
    assertThat(sketch.snapshot()).isEqualTo(sketchOf(3, 300, 30_000, 3, 300, 30_000).snapshot());
  }

  @Test
  void emptySketchHasNoQuantileMinOrMax() {
    LatencySketch sketch = new LatencySketch();
    assertThat(sketch.isEmpty()).isTrue();
    assertThat(sketch.quantile(0.5)).isNaN();
    assertThat(sketch.min()).isNaN();
    assertThat(sketch.max()).isNaN();
    assertThat(sketch.count()).isZero();
    assertThat(sketch.sum()).isZero();
    assertThat(sketch.bins()).isEmpty();
    assertThat(sketch.snapshot()).isEqualTo(SketchSnapshot.EMPTY);
  }

  @Test
  void rejectsQuantilesOutsideZeroToOneEvenWhenEmpty() {
    for (LatencySketch sketch : List.of(new LatencySketch(), sketchOf(1, 2, 3))) {
      for (double q : new double[] {-0.01, 1.0000001, Double.NaN, Double.NEGATIVE_INFINITY}) {
        assertThatIllegalArgumentException()
            .as("q = %s", q)
            .isThrownBy(() -> sketch.quantile(q))
            .withMessageContaining("[0, 1]");
      }
    }
  }

  @Test
  void rejectsNegativeDurations() {
    LatencySketch sketch = new LatencySketch();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> sketch.accept(-1))
        .withMessageContaining("negative");
    assertThat(sketch.isEmpty()).as("nothing recorded").isTrue();
  }

  @Test
  void acceptsTheWholeLongRange() {
    LatencySketch sketch = sketchOf(Long.MAX_VALUE, 1);
    assertThat(sketch.bins()).containsExactly(0, SketchBins.MAX_BIN);
    assertThat(sketch.quantile(1)).isBetween(0.99 * Long.MAX_VALUE, (double) Long.MAX_VALUE);
  }

  @Test
  void copyIsIndependent() {
    LatencySketch original = sketchOf(10, 20);
    LatencySketch copy = original.copy();
    copy.accept(1_000_000);
    original.accept(0);
    assertThat(original.snapshot()).isEqualTo(sketchOf(10, 20, 0).snapshot());
    assertThat(copy.snapshot()).isEqualTo(sketchOf(10, 20, 1_000_000).snapshot());
  }

  @Test
  void snapshotRoundTrips() {
    LatencySketch sketch = sketchOf(0, 7, 7, 12_000, 99_999_999);
    LatencySketch restored = LatencySketch.from(sketch.snapshot());
    assertThat(restored.snapshot()).isEqualTo(sketch.snapshot());
    restored.accept(5); // and it is a working sketch, whose storage grows from the restored range
    assertThat(restored.snapshot()).isEqualTo(sketchOf(0, 7, 7, 12_000, 99_999_999, 5).snapshot());
    assertThat(LatencySketch.from(SketchSnapshot.EMPTY).isEmpty()).isTrue();
  }

  static LatencySketch sketchOf(long... values) {
    LatencySketch sketch = new LatencySketch();
    Arrays.stream(values).forEach(sketch);
    return sketch;
  }

  private static List<Long> sorted(List<Long> values, boolean descending) {
    List<Long> copy = new ArrayList<>(values);
    copy.sort(descending ? Collections.reverseOrder() : null);
    return copy;
  }
}
