package io.pitchey.aggregator.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.pitchey.sql.SketchVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Java sketch reproduces every committed vector of {@code testdata/sketch-vectors.json} exactly
 * (the SQL tests check the same file), and the file is what {@link SketchVectorsGenerator}
 * produces.
 */
class SketchVectorsTest {

  private static SketchVectors vectors;

  /**
   * With {@code -Dpitchey.sketch.regenerate=true}, rewrites the file first (see {@link
   * SketchVectorsGenerator}).
   */
  @BeforeAll
  static void load() throws IOException {
    Path file = SketchVectors.committedFile();
    if (Boolean.getBoolean("pitchey.sketch.regenerate")) {
      Files.writeString(file, SketchVectorsGenerator.generate().toJson());
    }
    vectors = SketchVectors.load(file);
  }

  @Test
  void fileDescribesTheSketchOfThisCode() {
    assertThat(vectors.relativeAccuracy()).isEqualTo(SketchBins.RELATIVE_ACCURACY);
    assertThat(vectors.gamma()).isEqualTo(SketchBins.GAMMA);
    assertThat(vectors.maxBin()).isEqualTo(SketchBins.MAX_BIN);
  }

  @Test
  void everyValueFallsInItsBin() {
    assertThat(vectors.bins()).hasSizeGreaterThan(4_000);
    for (SketchVectors.BinVector vector : vectors.bins()) {
      assertThat(SketchBins.binOf(vector.value()))
          .as("bin of %d µs", vector.value())
          .isEqualTo(vector.bin());
      LatencySketch sketch = new LatencySketch();
      sketch.accept(vector.value());
      assertThat(sketch.bins()).as("sketch of %d µs", vector.value()).containsExactly(vector.bin());
    }
  }

  @Test
  void everyBinHasItsRepresentative() {
    assertThat(vectors.representatives())
        .extracting(SketchVectors.Representative::bin)
        .containsExactlyElementsOf(IntStream.rangeClosed(0, SketchBins.MAX_BIN).boxed().toList());
    for (SketchVectors.Representative vector : vectors.representatives()) {
      assertThat(Double.doubleToRawLongBits(SketchBins.representative(vector.bin())))
          .as("representative of bin %d: %s", vector.bin(), vector.value())
          .isEqualTo(Double.doubleToRawLongBits(vector.value()));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyDatasetGivesItsSketchAndQuantiles() {
    return vectors.datasets().stream()
        .map(
            dataset ->
                DynamicTest.dynamicTest(
                    dataset.name(),
                    () -> {
                      LatencySketch sketch = new LatencySketch();
                      Arrays.stream(dataset.values()).forEach(sketch);
                      assertThat(sketch.snapshot()).isEqualTo(snapshotOf(dataset.sketch()));
                      assertQuantiles(sketch, dataset.quantiles());
                      // the stored form answers the same
                      assertQuantiles(
                          LatencySketch.from(snapshotOf(dataset.sketch())), dataset.quantiles());
                    }));
  }

  /** Keeps the file in step with the generator and the sketch: a stale file fails here. */
  @Test
  void committedFileIsWhatTheGeneratorProduces() throws IOException {
    Path file = SketchVectors.committedFile();
    if (!SketchVectorsGenerator.generate().toJson().equals(Files.readString(file))) {
      fail(
          file
              + " differs from what SketchVectorsGenerator produces now: if the change is intended, "
              + "regenerate it as SketchVectorsGenerator's Javadoc says and review the diff");
    }
  }

  private static void assertQuantiles(LatencySketch sketch, List<SketchVectors.Quantile> expected) {
    assertThat(expected).isNotEmpty();
    for (SketchVectors.Quantile quantile : expected) {
      assertThat(sketch.quantile(quantile.q()))
          .as("quantile %s", quantile.q())
          .isEqualTo(quantile.value());
    }
  }

  private static SketchSnapshot snapshotOf(SketchVectors.ExpectedSketch e) {
    return new SketchSnapshot(
        e.zeroCount(), e.bins(), e.counts(), e.min(), e.max(), e.sum(), e.count());
  }
}
