package io.pitchey.aggregator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pitchey.config.DatabaseSettings;
import io.pitchey.devstack.ChildJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One aggregator configuration run in a child JVM ({@link AggregatorChild}) that the test SIGKILLs
 * and starts again, each time on the same state directory. It keeps every child it started, to stop
 * those still alive when the test ends.
 */
final class KillableAggregator implements AutoCloseable {
  private final AggregatorConfig config;
  private final DatabaseSettings db;
  private final Duration readyTimeout;
  private final Consumer<String> log;
  private final List<ChildJvm> started = new ArrayList<>();
  private ChildJvm child;

  KillableAggregator(
      AggregatorConfig config, DatabaseSettings db, Duration readyTimeout, Consumer<String> log) {
    this.config = config;
    this.db = db;
    this.readyTimeout = readyTimeout;
    this.log = log;
  }

  /** Starts the next child and waits until it reports ready. */
  void start() {
    child = AggregatorChild.jvm(config, db).start();
    started.add(child);
    log.accept(
        "aggregator "
            + started.size()
            + " starting, pid "
            + child.pid()
            + ", log "
            + child.logFile());
    child.waitForOutput(AggregatorChild.READY, readyTimeout);
  }

  /** SIGKILLs the current child, which must die of it; returns its pid. */
  long kill() {
    int exit = child.kill();
    assertThat(exit).as("exit status of the killed aggregator").isEqualTo(ChildJvm.SIGKILL_EXIT);
    return child.pid();
  }

  /** Children started so far. */
  int starts() {
    return started.size();
  }

  /**
   * The current child is alive and its sink has not stopped: it stops on a second final row of a
   * window (the unique index), so a double count on the topic shows here first.
   */
  void assertRuns() {
    assertThat(child.isAlive()).as("%s is alive", child).isTrue();
    assertThat(child.output().lines().filter(l -> l.contains("window sink stopped")).toList())
        .as("the sink of %s stopped", child)
        .isEmpty();
  }

  /** Stops the children still alive. */
  @Override
  public void close() {
    for (ChildJvm c : started) {
      if (c.isAlive()) {
        c.stop(Duration.ofSeconds(20));
      }
    }
  }
}
