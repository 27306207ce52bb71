package io.pitchey.ingest.publish;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * A warning that is logged at most once per interval, with the number of occurrences it stood for:
 * loud enough never to be silent, quiet enough not to flood the log during an outage. Thread-safe.
 */
final class RateLimitedLog {
  private final Logger log;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private final AtomicLong nextAllowed;
  private final AtomicLong suppressed = new AtomicLong();

  RateLimitedLog(Logger log, long intervalNanos, LongSupplier nanoClock) {
    this.log = log;
    this.intervalNanos = intervalNanos;
    this.nanoClock = nanoClock;
    this.nextAllowed = new AtomicLong(nanoClock.getAsLong());
  }

  /** Logs {@code message} (an SLF4J pattern) unless one was logged within the interval. */
  void warn(String message, Object... args) {
    long now = nanoClock.getAsLong();
    long next = nextAllowed.get();
    if (now - next < 0 || !nextAllowed.compareAndSet(next, now + intervalNanos)) {
      suppressed.incrementAndGet();
      return;
    }
    long skipped = suppressed.getAndSet(0);
    if (log.isWarnEnabled()) {
      log.warn(
          skipped == 0 ? message : message + " (" + skipped + " similar warnings suppressed)",
          args);
    }
  }
}
