package io.pitchey.ingest.backfill;

import io.pitchey.ingest.event.TimingEvent;
import java.util.List;

/** Where backfilled batch records go: the backfill topic, or a list in tests. */
public interface BatchSink extends AutoCloseable {
  /** Sends one record (all events of one key) asynchronously. */
  void send(String key, List<TimingEvent> events, long timestampMs);

  /**
   * Waits until every record sent so far is confirmed.
   *
   * @throws BackfillException if any of them failed: nothing after the last successful flush may be
   *     checkpointed
   */
  void flush() throws InterruptedException;

  @Override
  void close();
}
