package io.pitchey.ingest.backfill;

import io.pitchey.ingest.event.TimingEvent;
import java.util.ArrayList;
import java.util.List;

/** Collects batch records; can be told to fail the n-th flush, like a broker going away. */
final class ListSink implements BatchSink {
  record Sent(String key, List<TimingEvent> events, long timestampMs) {}

  final List<Sent> confirmed = new ArrayList<>();
  private final List<Sent> pending = new ArrayList<>();
  private final int failOnFlush;
  private int flushes;

  ListSink() {
    this(-1);
  }

  ListSink(int failOnFlush) {
    this.failOnFlush = failOnFlush;
  }

  @Override
  public void send(String key, List<TimingEvent> events, long timestampMs) {
    pending.add(new Sent(key, events, timestampMs));
  }

  @Override
  public void flush() {
    if (++flushes == failOnFlush) {
      pending.clear();
      throw new BackfillException("broker gone");
    }
    confirmed.addAll(pending);
    pending.clear();
  }

  List<TimingEvent> events() {
    return confirmed.stream().flatMap(s -> s.events().stream()).toList();
  }

  @Override
  public void close() {}
}
