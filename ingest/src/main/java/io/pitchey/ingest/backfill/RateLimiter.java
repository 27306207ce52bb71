package io.pitchey.ingest.backfill;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Paces a producer to at most {@code perSecond} events per second on average. */
final class RateLimiter {
  private final double perSecond;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private long permits;

  RateLimiter(double perSecond, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
  }

  /** Takes {@code n} permits, parking until the average rate allows them. */
  void acquire(long n) throws InterruptedException {
    if (perSecond <= 0) {
      return;
    }
    permits += n;
    long dueNanos = startNanos + (long) (permits / perSecond * 1e9);
    long waitNanos = dueNanos - nanoClock.getAsLong();
    if (waitNanos > 0) {
      TimeUnit.NANOSECONDS.sleep(waitNanos);
    }
  }
}
