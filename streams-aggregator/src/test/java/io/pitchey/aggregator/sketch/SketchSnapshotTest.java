package io.pitchey.aggregator.sketch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class SketchSnapshotTest {

  private static final int[] BINS = {10, 20, 30};
  private static final long[] COUNTS = {1, 2, 3};

  /** A valid snapshot: 2 zeros and 6 binned values. */
  private static SketchSnapshot valid() {
    return new SketchSnapshot(2, BINS, COUNTS, 0, 50, 200, 8);
  }

  @Test
  void acceptsConsistentContents() {
    SketchSnapshot snapshot = valid();
    assertThat(snapshot.bins()).containsExactly(BINS);
    assertThat(snapshot.counts()).containsExactly(COUNTS);
    assertThat(snapshot.binCount()).isEqualTo(3);
    assertThat(snapshot.count()).isEqualTo(8);
  }

  @Test
  void rejectsInconsistentBinsAndCounts() {
    assertRejected(() -> new SketchSnapshot(2, null, COUNTS, 0, 50, 200, 8), "required");
    assertRejected(() -> new SketchSnapshot(2, BINS, new long[] {1, 2}, 0, 50, 200, 5), "length");
    assertRejected(
        () -> new SketchSnapshot(2, new int[] {10, 30, 20}, COUNTS, 0, 50, 200, 8), "ascending");
    assertRejected(
        () -> new SketchSnapshot(2, new int[] {10, 10, 20}, COUNTS, 0, 50, 200, 8), "ascending");
    assertRejected(
        () -> new SketchSnapshot(2, new int[] {-1, 10, 20}, COUNTS, 0, 50, 200, 8), "outside");
    assertRejected(
        () ->
            new SketchSnapshot(
                2, new int[] {10, 20, SketchBins.MAX_BIN + 1}, COUNTS, 0, 50, 200, 8),
        "outside");
    assertRejected(
        () -> new SketchSnapshot(2, BINS, new long[] {1, 0, 3}, 0, 50, 200, 6), "positive");
    assertRejected(
        () -> new SketchSnapshot(2, BINS, new long[] {1, -2, 3}, 0, 50, 200, 4), "positive");
    assertRejected(() -> new SketchSnapshot(-1, BINS, COUNTS, 0, 50, 200, 5), "zeroCount");
    assertRejected(() -> new SketchSnapshot(2, BINS, COUNTS, 0, 50, 200, 7), "differs");
    assertRejected(
        () -> new SketchSnapshot(1, BINS, new long[] {1, 1, Long.MAX_VALUE}, 0, 50, 200, 0),
        "overflow");
  }

  @Test
  void rejectsImpossibleSummaries() {
    assertRejected(() -> new SketchSnapshot(2, BINS, COUNTS, 60, 50, 200, 8), "min");
    assertRejected(() -> new SketchSnapshot(2, BINS, COUNTS, -1, 50, 200, 8), "min");
    assertRejected(() -> new SketchSnapshot(2, BINS, COUNTS, Double.NaN, 50, 200, 8), "min");
    assertRejected(
        () -> new SketchSnapshot(2, BINS, COUNTS, 0, Double.POSITIVE_INFINITY, 200, 8), "max");
    assertRejected(() -> new SketchSnapshot(2, BINS, COUNTS, 0, 50, -1, 8), "sum");
    assertRejected(() -> new SketchSnapshot(2, BINS, COUNTS, 0, 50, Double.NaN, 8), "sum");
    assertRejected(
        () -> new SketchSnapshot(0, new int[0], new long[0], Double.NaN, Double.NaN, 3, 0),
        "sum 0");
  }

  @Test
  void emptySnapshotHasNaNMinAndMaxWhateverIsPassed() {
    SketchSnapshot empty = new SketchSnapshot(0, new int[0], new long[0], 0, 0, 0, 0);
    assertThat(empty.min()).isNaN();
    assertThat(empty.max()).isNaN();
    assertThat(empty).isEqualTo(SketchSnapshot.EMPTY).hasSameHashCodeAs(SketchSnapshot.EMPTY);
    assertThat(empty.isEmpty()).isTrue();
  }

  @Test
  void arraysAreCopiedInAndOut() {
    int[] bins = BINS.clone();
    SketchSnapshot snapshot = new SketchSnapshot(2, bins, COUNTS, 0, 50, 200, 8);
    bins[0] = 11;
    snapshot.bins()[1] = 21;
    snapshot.counts()[2] = 4;
    assertThat(snapshot).isEqualTo(valid());
  }

  @Test
  void equalityIsByContents() {
    assertThat(valid()).isEqualTo(valid()).hasSameHashCodeAs(valid());
    assertThat(valid()).isNotEqualTo(new SketchSnapshot(2, BINS, COUNTS, 0, 50, 201, 8));
    assertThat(valid())
        .isNotEqualTo(new SketchSnapshot(2, new int[] {10, 20, 31}, COUNTS, 0, 50, 200, 8));
    assertThat(valid().toString()).contains("[10, 20, 30]", "[1, 2, 3]");
  }

  private static void assertRejected(Runnable construction, String messagePart) {
    assertThatIllegalArgumentException()
        .isThrownBy(construction::run)
        .withMessageContaining(messagePart);
  }
}
