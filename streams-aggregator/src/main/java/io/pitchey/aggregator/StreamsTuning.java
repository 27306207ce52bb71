package io.pitchey.aggregator;

import java.time.Duration;

/**
 * How the aggregator runs on its Kafka cluster, as opposed to what it computes ({@link
 * io.pitchey.aggregator.topology.WindowSettings}).
 *
 * @param streamThreads Streams threads in this process; tasks (one per input partition) are spread
 *     over all threads of all instances, so more threads than partitions only idle
 * @param sessionTimeout how long the group waits for a silent member (a killed process) before its
 *     partitions move; applies to Streams' consumer and the sink's
 * @param commitInterval how often Streams commits its transaction: the latency that exactly-once
 *     adds before window records become visible to the sink
 */
public record StreamsTuning(int streamThreads, Duration sessionTimeout, Duration commitInterval) {
  /** Kafka's own defaults for the group, one thread per core. */
  public static final StreamsTuning DEFAULT =
      new StreamsTuning(
          Math.max(1, Runtime.getRuntime().availableProcessors()),
          Duration.ofSeconds(45),
          Duration.ofMillis(100));

  public StreamsTuning {
    if (streamThreads < 1 || streamThreads > 64) {
      throw new IllegalArgumentException(
          "stream threads must be between 1 and 64, was " + streamThreads);
    }
    // The broker refuses sessions outside group.min/max.session.timeout.ms (6 s .. 30 min).
    if (sessionTimeout.compareTo(Duration.ofSeconds(6)) < 0
        || sessionTimeout.compareTo(Duration.ofMinutes(30)) > 0) {
      throw new IllegalArgumentException(
          "session timeout must be between 6s and 30m (the broker's limits), was "
              + sessionTimeout);
    }
    if (commitInterval.toMillis() < 10) {
      throw new IllegalArgumentException(
          "commit interval must be at least 10 ms, was " + commitInterval);
    }
  }

  /** A third of the session, so two missed heartbeats do not yet cost the membership. */
  public Duration heartbeatInterval() {
    return sessionTimeout.dividedBy(3);
  }
}
