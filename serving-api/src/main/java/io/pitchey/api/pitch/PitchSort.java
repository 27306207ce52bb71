package io.pitchey.api.pitch;

import java.util.Arrays;
import java.util.Optional;

/**
 * The orders a pitch list can be sorted in. Each ends with the id, so the order is total and pages
 * never overlap or skip a pitch; each matches an index (V7, V8) that serves it without sorting.
 */
public enum PitchSort {
  NEWEST("newest"),
  OLDEST("oldest"),
  MOST_VIEWED("most-viewed"),
  TITLE("title");

  private final String parameter;

  PitchSort(String parameter) {
    this.parameter = parameter;
  }

  /** The value of the {@code sort} query parameter. */
  public String parameter() {
    return parameter;
  }

  public static Optional<PitchSort> fromParameter(String value) {
    return Arrays.stream(values()).filter(sort -> sort.parameter.equals(value)).findFirst();
  }
}
