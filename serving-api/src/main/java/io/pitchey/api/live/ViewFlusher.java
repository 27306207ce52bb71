package io.pitchey.api.live;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flushes a {@link ViewBuffer} on a schedule, and once more when closed, so views recorded before a
 * clean shutdown are written. A failed flush is logged and retried on the next tick. Close it after
 * the HTTP server stopped, so no view arrives after the last flush.
 */
public final class ViewFlusher implements AutoCloseable {
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(ViewFlusher.class);

  private final ViewBuffer buffer;
  private final ScheduledExecutorService scheduler;

  /** Flushes {@code buffer} every {@code interval} on {@code scheduler}, which this then owns. */
  public ViewFlusher(ViewBuffer buffer, ScheduledExecutorService scheduler, Duration interval) {
    this.buffer = buffer;
    this.scheduler = scheduler;
    long millis = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::flushOrLog, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** On its own daemon thread, every {@code interval}. */
  public static ViewFlusher start(ViewBuffer buffer, Duration interval) {
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "view-flusher");
              thread.setDaemon(
                  true); // close() writes the last views; the thread must not hang exit
              return thread;
            });
    return new ViewFlusher(buffer, scheduler, interval);
  }

  public ViewBuffer buffer() {
    return buffer;
  }

  private void flushOrLog() {
    try {
      buffer.flush();
    } catch (RuntimeException e) {
      // a scheduled task that throws is never run again: log, and let the next tick retry
      log.warn("view counts not written, retrying in the next flush: {}", e.toString());
    }
  }

  /** Stops the schedule (waiting a few seconds for a running flush), then flushes what is left. */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("a view flush did not finish within {}", CLOSE_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    finalFlush();
  }

  /**
   * Flushes with the closing thread's interrupt flag cleared: the JDBC driver and the pool give up
   * on an interrupted thread, which would lose the last views. The flag is restored afterwards.
   */
  private void finalFlush() {
    boolean interrupted = Thread.interrupted();
    try {
      flushOrLog();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
