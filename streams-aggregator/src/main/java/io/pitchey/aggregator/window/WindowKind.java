package io.pitchey.aggregator.window;

/** What a window record on {@code pitchey.route-windows.v1} means (contracts §5). */
public enum WindowKind {
  /** The closed window's result, emitted exactly once. */
  FINAL,
  /** An open window's running values; superseded by later provisional values and by the final. */
  PROVISIONAL,
  /** Events that arrived after the window closed; added to the final result, never replacing it. */
  CORRECTION
}
