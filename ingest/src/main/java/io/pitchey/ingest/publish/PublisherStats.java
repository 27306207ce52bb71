package io.pitchey.ingest.publish;

/**
 * What a publisher has done with the events handed to it, since it started. Every count is an event
 * count; none is ever negative.
 *
 * <p>Accounting: {@code accepted} + events found on disk at start = {@code published} + {@code
 * dropped} + {@code failed} + {@code buffered} + {@code onDisk} (up to the moment the counts are
 * read, which is not atomic).
 *
 * @param accepted events handed to {@link TimingPublisher#publish}
 * @param published events the broker acknowledged (sent directly or replayed from disk)
 * @param buffered events held in memory now: queued, or sent and not yet acknowledged
 * @param spilled events written to the disk buffer (cumulative)
 * @param replayed events read back from the disk buffer and acknowledged (cumulative; also counted
 *     in {@code published})
 * @param dropped events lost: the disk budget was exhausted, the hand-off queue was full, or the
 *     publisher was closed (every one is also logged, rate-limited)
 * @param failed events Kafka refused for good (no valid key, a record too large, unreadable on
 *     disk): never retried, logged
 * @param onDisk events in the disk buffer now, waiting to be replayed
 * @param onDiskBytes bytes the disk buffer occupies now, against its budget
 */
public record PublisherStats(
    long accepted,
    long published,
    long buffered,
    long spilled,
    long replayed,
    long dropped,
    long failed,
    long onDisk,
    long onDiskBytes) {

  public PublisherStats {
    long[] all = {accepted, published, buffered, spilled, replayed, dropped, failed, onDisk};
    for (long count : all) {
      if (count < 0) {
        throw new IllegalArgumentException("publisher counts are never negative: " + count);
      }
    }
    if (onDiskBytes < 0) {
      throw new IllegalArgumentException("onDiskBytes is never negative: " + onDiskBytes);
    }
    if (replayed > published) {
      throw new IllegalArgumentException(
          "replayed (" + replayed + ") is part of published (" + published + ")");
    }
  }

  /**
   * The former five-count form, kept so that callers compile while they move to the canonical
   * constructor.
   *
   * @deprecated use the canonical constructor
   */
  @Deprecated
  public PublisherStats(long accepted, long delivered, long failed, long overflowed, long pending) {
    this(accepted, delivered, pending, 0, 0, overflowed, failed, 0, 0);
  }

  /** Nothing happened yet. */
  public static PublisherStats zero() {
    return new PublisherStats(0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * True when events were lost, or are waiting on disk for Kafka: the health check reports {@code
   * DEGRADED}.
   */
  public boolean degraded() {
    return dropped > 0 || failed > 0 || onDisk > 0;
  }

  /**
   * @deprecated the broker-acknowledged count is now {@link #published()}
   */
  @Deprecated
  public long delivered() {
    return published;
  }

  /**
   * @deprecated lost events are now {@link #dropped()}
   */
  @Deprecated
  public long overflowed() {
    return dropped;
  }

  /**
   * @deprecated events not yet acknowledged are {@link #buffered()} + {@link #onDisk()}
   */
  @Deprecated
  public long pending() {
    return buffered + onDisk;
  }
}
