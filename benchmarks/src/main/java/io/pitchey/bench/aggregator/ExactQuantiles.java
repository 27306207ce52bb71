package io.pitchey.bench.aggregator;

import java.util.Arrays;

/** Every duration of one route, kept to compute the exact order statistics (contracts §4). */
final class ExactQuantiles {
  private long[] values = new long[1 << 16];
  private int size;
  private boolean sorted;

  void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
    sorted = false;
  }

  int size() {
    return size;
  }

  /** The value at 0-based rank ⌊q·(n − 1)⌋ of the sorted values. */
  long quantile(double q) {
    if (!sorted) {
      Arrays.sort(values, 0, size);
      sorted = true;
    }
    return values[(int) Math.floor(q * (size - 1))];
  }
}
