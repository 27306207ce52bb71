package io.pitchey.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resources of a running command, closed in reverse order of opening exactly once: on a normal
 * return, on an exception, or from the shutdown hook on Ctrl-C / SIGTERM.
 */
final class Lifecycle implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Lifecycle.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final Thread hook = new Thread(this::close, "pitchey-shutdown");
  private boolean closing;

  Lifecycle() {
    // Closed last: asynchronous appenders (the request log) write out what they hold.
    resources.push(Lifecycle::stopLogging);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  private static void stopLogging() {
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
      logback.stop();
    }
  }

  synchronized <T extends AutoCloseable> T add(T resource) {
    if (closing) {
      closeQuietly(resource);
      throw new IllegalStateException("shutting down");
    }
    resources.push(resource);
    return resource;
  }

  /** Blocks until the process is asked to stop (Ctrl-C, SIGTERM). */
  void awaitShutdown() throws InterruptedException {
    stopRequested.await();
  }

  /** Waits up to {@code timeout} for a stop request; true if one came. */
  boolean awaitShutdown(java.time.Duration timeout) throws InterruptedException {
    return stopRequested.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closing) {
        return;
      }
      closing = true;
    }
    stopRequested.countDown();
    while (!resources.isEmpty()) {
      closeQuietly(resources.pop());
    }
    if (Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Already shutting down: the hook is running or has run.
      }
    }
  }

  private static void closeQuietly(AutoCloseable resource) {
    try {
      resource.close();
    } catch (Exception e) {
      log.warn("closing {} failed: {}", resource, e.toString());
    }
  }
}
