package io.pitchey.aggregator.topology;

import io.pitchey.aggregator.window.OpenWindow;
import io.pitchey.aggregator.window.WindowKind;
import io.pitchey.aggregator.window.WindowResult;
import io.pitchey.ingest.event.EventKey;
import io.pitchey.ingest.event.TimingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds backfilled (historical) events into windows and emits each one as a {@link
 * WindowKind#CORRECTION} record: corrections by design, not by luck (contracts §5).
 *
 * <p>Design. Backfilled history arrives on its own topic and is aggregated here, in its own
 * sub-topology with its own stores and its own stream time (the largest event time it has seen). So
 * history never advances, holds back or closes a live window, and live traffic never closes a
 * backfill window. A backfill window closes when the backfill's stream time passes {@code end +
 * grace}, or on the wall clock once the backfill topic has been quiet for a provisional interval (a
 * backfill is a batch: when it stops, nothing more is coming, and waiting the whole grace would
 * only delay the history; should a paused backfill resume, its later events for an emitted window
 * become one more correction, so nothing is lost either way); it is then emitted once per key and
 * window as a correction: an additional row that the views sum and merge with whatever else the
 * window holds (a live final row, other corrections, or nothing at all for history from before the
 * system ran). It is never emitted as {@code FINAL}, which would collide with the live path's final
 * row (one final row per key and window, enforced by a unique index), and never as {@code
 * PROVISIONAL}. Events that arrive for a window this processor already emitted (out-of-order
 * inputs) are collected again and emitted as one more correction at the next close.
 *
 * <p>The backfill's stream time is kept in a changelogged store, so a restart continues where the
 * last commit left off; under exactly_once_v2 the store updates and the emitted records commit
 * atomically.
 */
final class BackfillWindowProcessor
    implements Processor<String, List<TimingEvent>, String, WindowResult> {
  static final String WINDOWS_STORE = "backfill-windows";
  static final String CLOCK_STORE = "backfill-clock";
  private static final String STREAM_TIME_KEY = "stream-time";

  private final WindowSettings settings;
  private ProcessorContext<String, WindowResult> context;
  private KeyValueStore<String, OpenWindow> windows;
  private KeyValueStore<String, Long> clock;
  private long streamTimeMs;
  private long closedBefore = Long.MIN_VALUE;
  private long lastRecordWallMs;

  BackfillWindowProcessor(WindowSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, WindowResult> context) {
    this.context = context;
    this.windows = context.getStateStore(WINDOWS_STORE);
    this.clock = context.getStateStore(CLOCK_STORE);
    Long stored = clock.get(STREAM_TIME_KEY);
    this.streamTimeMs = stored == null ? Long.MIN_VALUE : stored;
    if (stored != null) {
      this.closedBefore = settings.startOf(stored - settings.grace().toMillis());
    }
    this.lastRecordWallMs = context.currentSystemTimeMs();
    context.schedule(
        settings.provisionalInterval(), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
  }

  @Override
  public void process(Record<String, List<TimingEvent>> record) {
    if (record.value() == null || record.value().isEmpty()) {
      return;
    }
    Map<Long, List<TimingEvent>> byWindow = new LinkedHashMap<>();
    long latestMs = Long.MIN_VALUE;
    for (TimingEvent event : record.value()) {
      long ms = event.tsUs() / 1000;
      latestMs = Math.max(latestMs, ms);
      byWindow.computeIfAbsent(settings.startOf(ms), start -> new ArrayList<>()).add(event);
    }
    byWindow.forEach(this::add);
    lastRecordWallMs = context.currentSystemTimeMs();
    if (latestMs > streamTimeMs) {
      streamTimeMs = latestMs;
      clock.put(STREAM_TIME_KEY, streamTimeMs);
    }
    closeBefore(settings.startOf(streamTimeMs - settings.grace().toMillis()));
  }

  private void add(long start, List<TimingEvent> events) {
    // Keys are not trusted to be the grain here: a batch may mix keys (a third-party producer).
    Map<EventKey, List<TimingEvent>> byKey = new LinkedHashMap<>();
    for (TimingEvent event : events) {
      byKey.computeIfAbsent(EventKey.of(event), k -> new ArrayList<>()).add(event);
    }
    byKey.forEach(
        (key, keyEvents) -> {
          String storeKey = RouteWindowProcessor.storeKey(start, key);
          OpenWindow current = windows.get(storeKey);
          windows.put(storeKey, (current == null ? OpenWindow.empty() : current).add(keyEvents));
        });
  }

  private void onWallClock(long nowMs) {
    if (nowMs - lastRecordWallMs >= settings.provisionalInterval().toMillis()) {
      // The backfill has gone quiet: nothing more is coming for its open windows.
      emitBefore(Long.MAX_VALUE);
    }
  }

  /** Emits the windows that start before {@code boundary} once the boundary moves forward. */
  private void closeBefore(long boundary) {
    if (boundary <= closedBefore) {
      return;
    }
    emitBefore(boundary);
    closedBefore = boundary;
  }

  private void emitBefore(long boundary) {
    List<KeyValue<String, OpenWindow>> closing = new ArrayList<>();
    try (KeyValueIterator<String, OpenWindow> it =
        boundary == Long.MAX_VALUE
            ? windows.all()
            : windows.range(null, RouteWindowProcessor.prefix(boundary))) {
      it.forEachRemaining(closing::add);
    }
    for (KeyValue<String, OpenWindow> entry : closing) {
      long startMs = RouteWindowProcessor.startOf(entry.key);
      long endMs = startMs + settings.size().toMillis();
      WindowResult result =
          new WindowResult(
              WindowKind.CORRECTION,
              RouteWindowProcessor.keyOf(entry.key),
              Instant.ofEpochMilli(startMs),
              Instant.ofEpochMilli(endMs),
              entry.value.snapshot());
      context.forward(new Record<>(result.key().toString(), result, endMs - 1));
      windows.delete(entry.key);
    }
  }
}
