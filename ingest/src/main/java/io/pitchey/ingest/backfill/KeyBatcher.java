package io.pitchey.ingest.backfill;

import io.pitchey.ingest.event.EventKey;
import io.pitchey.ingest.event.TimingEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups events per record key (contracts §2) into batch records of at most {@code maxBatch}
 * events, each stamped with its latest event time. Not thread-safe.
 */
public final class KeyBatcher {
  private final BatchSink sink;
  private final int maxBatch;
  private final Map<String, List<TimingEvent>> pending = new LinkedHashMap<>();
  private long records;

  public KeyBatcher(BatchSink sink, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
    }
    this.sink = sink;
    this.maxBatch = maxBatch;
  }

  public void add(TimingEvent event) {
    String key = EventKey.of(event).toString();
    List<TimingEvent> batch = pending.computeIfAbsent(key, k -> new ArrayList<>());
    batch.add(event);
    if (batch.size() >= maxBatch) {
      send(key, pending.remove(key));
    }
  }

  /** Sends every pending batch (without waiting for confirmation). */
  public void sendPending() {
    pending.forEach(this::send);
    pending.clear();
  }

  /** Batch records sent so far. */
  public long records() {
    return records;
  }

  private void send(String key, List<TimingEvent> batch) {
    long latestMs = 0;
    for (TimingEvent e : batch) {
      latestMs = Math.max(latestMs, e.tsUs() / 1000);
    }
    sink.send(key, List.copyOf(batch), latestMs);
    records++;
  }
}
