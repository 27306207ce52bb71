package io.pitchey.aggregator.topology;

import io.pitchey.aggregator.window.RouteWindow;
import io.pitchey.aggregator.window.WindowKind;
import io.pitchey.aggregator.window.WindowResult;
import io.pitchey.ingest.event.EventKey;
import io.pitchey.ingest.event.TimingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Aggregates timing events into tumbling windows per key and emits final, provisional and
 * correction records (contracts §5).
 *
 * <p>Why not the DSL's windowed aggregate with {@code suppress}: it drops late events silently, and
 * a quiet key's window never closes because only new records advance stream time. Here:
 *
 * <ul>
 *   <li>windows close when stream time passes {@code end + grace}, or on wall-clock punctuation
 *       once the task is caught up (its last record was near real time, or it has been idle for
 *       longer than the grace), so backfills of old data are not cut short;
 *   <li>an event for a window that has closed becomes a {@link WindowKind#CORRECTION};
 *   <li>changed open windows publish {@link WindowKind#PROVISIONAL} values every interval.
 * </ul>
 *
 * The closed horizon is kept in a changelogged store, so after a restart an event of a closed
 * window is still a correction and a window is never finalised twice. Under exactly_once_v2 the
 * store updates and the emitted records commit atomically.
 */
final class RouteWindowProcessor
    implements Processor<String, List<TimingEvent>, String, WindowResult> {
  static final String WINDOWS_STORE = "route-windows";
  static final String HORIZON_STORE = "route-window-horizon";
  private static final String HORIZON_KEY = "closed-before";

  /** How far ahead of this process's clock a record may move stream time. */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private static final String ZEROS = "000000000000000";

  private final WindowSettings settings;
  private final Set<String> dirty = new LinkedHashSet<>();
  private ProcessorContext<String, WindowResult> context;
  private KeyValueStore<String, RouteWindow> windows;
  private KeyValueStore<String, Long> horizonStore;
  private long closedBefore;
  private long lastRecordWallMs;
  private long lastRecordTimeMs;
  private long streamTimeMs = Long.MIN_VALUE;
  private boolean seenRecord;

  RouteWindowProcessor(WindowSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, WindowResult> context) {
    this.context = context;
    this.windows = context.getStateStore(WINDOWS_STORE);
    this.horizonStore = context.getStateStore(HORIZON_STORE);
    Long stored = horizonStore.get(HORIZON_KEY);
    this.closedBefore = stored == null ? Long.MIN_VALUE : stored;
    // Until the first record, "idle since start-up" decides: a backlog after a restart gets the
    // grace
    // period to start flowing before the wall clock may close anything.
    this.lastRecordWallMs = context.currentSystemTimeMs();
    // Windows restored from the changelog publish their values again: the previous owner of this
    // task
    // may have died before its last provisional values reached the topic.
    try (KeyValueIterator<String, RouteWindow> open = windows.all()) {
      open.forEachRemaining(entry -> dirty.add(entry.key));
    }
    context.schedule(
        settings.provisionalInterval(), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
  }

  @Override
  public void process(Record<String, List<TimingEvent>> record) {
    if (record.value() == null) {
      return;
    }
    // A batch record usually holds one key's events of one window: fold them in with one store
    // update.
    Map<Long, List<TimingEvent>> byWindow = new LinkedHashMap<>();
    for (TimingEvent event : record.value()) {
      byWindow
          .computeIfAbsent(settings.startOf(event.tsUs() / 1000), start -> new ArrayList<>())
          .add(event);
    }
    byWindow.forEach(this::add);
    lastRecordWallMs = context.currentSystemTimeMs();
    lastRecordTimeMs = record.timestamp();
    seenRecord = true;
    // This processor's own stream time, not the task's: wherever the backfill source is placed
    // (its own task in production, one task under TopologyTestDriver), its old or new timestamps
    // never close or hold open a live window.
    // A producer whose clock runs ahead must not close everyone's windows early: its events count
    // in their windows, but time advances at most MAX_CLOCK_SKEW past our own clock.
    long bounded = Math.min(record.timestamp(), lastRecordWallMs + MAX_CLOCK_SKEW.toMillis());
    streamTimeMs = Math.max(streamTimeMs, bounded);
    closeBefore(streamTimeMs - settings.grace().toMillis());
  }

  private void add(long start, List<TimingEvent> events) {
    // The record key is the grain, so every event of a record has the same key.
    EventKey key = EventKey.of(events.get(0));
    if (start < closedBefore) {
      emit(WindowKind.CORRECTION, key, start, RouteWindow.empty().plus(events));
      return;
    }
    String storeKey = storeKey(start, key);
    RouteWindow current = windows.get(storeKey);
    windows.put(storeKey, (current == null ? RouteWindow.empty() : current).plus(events));
    dirty.add(storeKey);
  }

  private void onWallClock(long nowMs) {
    if (isCaughtUp(nowMs)) {
      closeBefore(nowMs - settings.grace().toMillis());
    }
    for (String storeKey : dirty) {
      RouteWindow window = windows.get(storeKey);
      if (window != null) {
        emit(WindowKind.PROVISIONAL, keyOf(storeKey), startOf(storeKey), window);
      }
    }
    dirty.clear();
  }

  /**
   * True when wall-clock time may close windows: the last record was close to real time (live
   * traffic), or nothing has arrived for longer than the grace (a quiet partition, nothing to wait
   * for).
   */
  private boolean isCaughtUp(long nowMs) {
    long idle = nowMs - lastRecordWallMs;
    if (idle >= settings.grace().toMillis()) {
      return true;
    }
    long lagAtLastRecord = lastRecordWallMs - lastRecordTimeMs;
    return seenRecord
        && lagAtLastRecord <= settings.size().toMillis() + settings.grace().toMillis();
  }

  /**
   * Finalises every window that ends at or before the window boundary at or below {@code timeMs}.
   */
  private void closeBefore(long timeMs) {
    long boundary = settings.startOf(timeMs);
    if (boundary <= closedBefore) {
      return;
    }
    List<KeyValue<String, RouteWindow>> closing = new ArrayList<>();
    try (KeyValueIterator<String, RouteWindow> it = windows.range(null, prefix(boundary))) {
      it.forEachRemaining(closing::add);
    }
    for (KeyValue<String, RouteWindow> entry : closing) {
      emit(WindowKind.FINAL, keyOf(entry.key), startOf(entry.key), entry.value);
      windows.delete(entry.key);
      dirty.remove(entry.key);
    }
    closedBefore = boundary;
    horizonStore.put(HORIZON_KEY, boundary);
  }

  private void emit(WindowKind kind, EventKey key, long startMs, RouteWindow window) {
    long endMs = startMs + settings.size().toMillis();
    WindowResult result =
        new WindowResult(
            kind, key, Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(endMs), window);
    context.forward(new Record<>(key.toString(), result, endMs - 1));
  }

  // Store keys sort by window start (zero-padded millis), so closing is one range scan.
  static String storeKey(long startMs, EventKey key) {
    return prefix(startMs) + "|" + key;
  }

  static String prefix(long startMs) {
    String digits = Long.toString(startMs);
    return ZEROS.substring(digits.length()) + digits;
  }

  static long startOf(String storeKey) {
    return Long.parseLong(storeKey.substring(0, storeKey.indexOf('|')));
  }

  static EventKey keyOf(String storeKey) {
    return EventKey.parse(storeKey.substring(storeKey.indexOf('|') + 1));
  }
}
