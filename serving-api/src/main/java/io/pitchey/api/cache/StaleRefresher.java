package io.pitchey.api.cache;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes stale entries in the background, at most one refresh per key at a time.
 *
 * <p>Refreshes are best effort and bounded: a few threads and a short queue, so a burst of stale
 * keys cannot take every database connection from the requests. A refresh that cannot be queued is
 * dropped; the next request that finds the entry stale asks again. A failed refresh leaves the
 * stale entry in place until it expires. Thread-safe.
 */
final class StaleRefresher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StaleRefresher.class);
  private static final int THREADS = 2;
  private static final int QUEUE = 256;
  private static final long CLOSE_TIMEOUT_SECONDS = 5;

  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final ThreadPoolExecutor executor;

  StaleRefresher() {
    AtomicInteger threadCount = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            THREADS,
            THREADS,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            task ->
                Thread.ofPlatform()
                    .daemon(true)
                    .name("cache-refresh-" + threadCount.incrementAndGet())
                    .unstarted(task));
  }

  /**
   * Starts {@code refresh} for {@code key} unless one is already running or queued.
   *
   * @return whether this call started it
   */
  boolean refresh(String key, Runnable refresh) {
    if (!inFlight.add(key)) {
      return false;
    }
    try {
      executor.execute(() -> run(key, refresh));
      return true;
    } catch (RejectedExecutionException e) {
      inFlight.remove(key); // full or closing: let a later request try again
      return false;
    }
  }

  /** Refreshes queued or running now. */
  int inFlight() {
    return inFlight.size();
  }

  private void run(String key, Runnable refresh) {
    try {
      refresh.run();
    } catch (RuntimeException e) {
      log.warn(
          "background refresh of {} failed; the stale entry stays until it expires: {}",
          key,
          e.toString());
    } finally {
      inFlight.remove(key);
    }
  }

  /**
   * Stops taking refreshes and waits a few seconds for running ones, which use the caller's pool.
   */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
