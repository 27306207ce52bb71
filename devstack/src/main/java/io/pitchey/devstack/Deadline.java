package io.pitchey.devstack;

import java.time.Duration;

/**
 * A point in time after which a bounded wait gives up. Uses {@link System#nanoTime()} so wall-clock
 * jumps cannot stretch or shrink a wait.
 */
record Deadline(long deadlineNanos, Duration timeout) {

  static Deadline after(Duration timeout) {
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
    return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
  }

  boolean expired() {
    return remaining().isZero();
  }

  /** Time left, never negative. */
  Duration remaining() {
    long left = deadlineNanos - System.nanoTime();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  /**
   * Sleeps for the poll interval (capped by the time left). Used only between polls of an
   * observable condition, never in place of one.
   */
  void pause(Duration pollInterval) {
    long millis = Math.min(pollInterval.toMillis(), remaining().toMillis());
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DevStackException("interrupted while waiting", e);
    }
  }
}
