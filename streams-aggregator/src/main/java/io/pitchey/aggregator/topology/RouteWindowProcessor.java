package io.pitchey.aggregator.topology;

import io.pitchey.aggregator.window.OpenWindow;
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
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Sensor;
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
 *       once the task is caught up (it has processed everything its partition holds), so a quiet
 *       route's last window still closes and a backlog is not cut short;
 *   <li>events for a window that has closed are summed per key and window and emitted as one {@link
 *       WindowKind#CORRECTION} at the next punctuation, and counted ({@value #LATE_SENSOR});
 *   <li>changed open windows publish {@link WindowKind#PROVISIONAL} values every interval.
 * </ul>
 *
 * <p>State. Open windows live in a changelogged store, mirrored in {@link #open} so that an update
 * costs one store write and no read (the store's values are serialized; the mirror's are not). Late
 * events wait in a second store until they are emitted, and the closed horizon in a third, so after
 * a restart an event of a closed window is still a correction, a window is never finalised twice,
 * and no late event is lost. Under exactly_once_v2 store updates and emitted records commit
 * atomically; {@link #init} rebuilds the mirror from the store whenever Streams (re)initialises the
 * task.
 */
final class RouteWindowProcessor
    implements Processor<String, List<TimingEvent>, String, WindowResult> {
  static final String WINDOWS_STORE = "route-windows";
  static final String LATE_STORE = "route-window-late";
  static final String HORIZON_STORE = "route-window-horizon";
  static final String LATE_SENSOR = "late-events";
  private static final String HORIZON_KEY = "closed-before";

  /** How far ahead of this process's clock a record may move stream time. */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private static final String ZEROS = "000000000000000";

  private final WindowSettings settings;
  private final String inputTopic;
  private final InputPositions positions;

  /** The windows store's contents, sorted by store key (window start first). */
  private final NavigableMap<String, OpenWindow> open = new TreeMap<>();

  private final Set<String> dirty = new LinkedHashSet<>();
  private ProcessorContext<String, WindowResult> context;
  private KeyValueStore<String, OpenWindow> windows;
  private KeyValueStore<String, OpenWindow> late;
  private KeyValueStore<String, Long> horizonStore;
  private Sensor lateEvents;
  private boolean latePending;
  private long closedBefore;
  private long lastRecordWallMs;
  private long lastRecordTimeMs;
  private long streamTimeMs = Long.MIN_VALUE;
  private boolean seenRecord;
  private long lastProcessedOffset = -1;
  private TopicPartition inputPartition;

  /**
   * @param inputTopic the topic this processor reads
   * @param positions where that topic's partitions end and the group has committed
   */
  RouteWindowProcessor(WindowSettings settings, String inputTopic, InputPositions positions) {
    this.settings = settings;
    this.inputTopic = inputTopic;
    this.positions = positions;
  }

  @Override
  public void init(ProcessorContext<String, WindowResult> context) {
    this.context = context;
    this.windows = context.getStateStore(WINDOWS_STORE);
    this.late = context.getStateStore(LATE_STORE);
    this.horizonStore = context.getStateStore(HORIZON_STORE);
    this.lateEvents = TaskSensors.lateEvents(context, LATE_SENSOR);
    this.inputPartition = new TopicPartition(inputTopic, context.taskId().partition());
    this.lastProcessedOffset = -1;
    Long stored = horizonStore.get(HORIZON_KEY);
    this.closedBefore = stored == null ? Long.MIN_VALUE : stored;
    // Until the first record, "idle since start-up" decides: a backlog after a restart gets the
    // grace period to start flowing before the wall clock may close anything.
    this.lastRecordWallMs = context.currentSystemTimeMs();
    open.clear();
    dirty.clear();
    // Windows restored from the changelog publish their values again: the previous owner of this
    // task may have died before its last provisional values reached the topic.
    try (KeyValueIterator<String, OpenWindow> restored = windows.all()) {
      restored.forEachRemaining(
          entry -> {
            open.put(entry.key, entry.value);
            dirty.add(entry.key);
          });
    }
    try (KeyValueIterator<String, OpenWindow> waiting = late.all()) {
      latePending = waiting.hasNext();
    }
    context.schedule(
        settings.provisionalInterval(), PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
  }

  @Override
  public void process(Record<String, List<TimingEvent>> record) {
    if (record.value() == null || record.value().isEmpty()) {
      return;
    }
    // A batch record usually holds one key's events of one window: fold them in with one store
    // update. The key is not trusted to be every event's (a third-party producer may mix them),
    // but comparing with the previous event's key parts is cheap.
    Map<Slot, List<TimingEvent>> slots = new LinkedHashMap<>();
    TimingEvent keyOwner = null;
    EventKey key = null;
    for (TimingEvent event : record.value()) {
      if (keyOwner == null || !sameKey(keyOwner, event)) {
        keyOwner = event;
        key = EventKey.of(event);
      }
      slots
          .computeIfAbsent(
              new Slot(settings.startOf(event.tsUs() / 1000), key), slot -> new ArrayList<>())
          .add(event);
    }
    slots.forEach(this::add);
    lastRecordWallMs = context.currentSystemTimeMs();
    lastRecordTimeMs = record.timestamp();
    seenRecord = true;
    context.recordMetadata().ifPresent(metadata -> lastProcessedOffset = metadata.offset());
    // This processor's own stream time, not the task's: wherever the backfill source is placed
    // (its own task in production, one task under TopologyTestDriver), its old or new timestamps
    // never close or hold open a live window.
    // A producer whose clock runs ahead must not close everyone's windows early: its events count
    // in their windows, but time advances at most MAX_CLOCK_SKEW past our own clock.
    long bounded = Math.min(record.timestamp(), lastRecordWallMs + MAX_CLOCK_SKEW.toMillis());
    streamTimeMs = Math.max(streamTimeMs, bounded);
    closeBefore(streamTimeMs - settings.grace().toMillis());
  }

  /** One key's window. */
  private record Slot(long startMs, EventKey key) {}

  private static boolean sameKey(TimingEvent a, TimingEvent b) {
    return a.route().equals(b.route())
        && a.method().equals(b.method())
        && a.instance().equals(b.instance())
        && a.region().equals(b.region())
        && a.service().equals(b.service());
  }

  private void add(Slot slot, List<TimingEvent> events) {
    String storeKey = storeKey(slot.startMs(), slot.key());
    if (slot.startMs() < closedBefore) {
      OpenWindow waiting = late.get(storeKey);
      late.put(storeKey, (waiting == null ? OpenWindow.empty() : waiting).add(events));
      latePending = true;
      // The sensor's total counts recordings, so one per event; late events are rare.
      events.forEach(e -> lateEvents.record());
      return;
    }
    // The store serializes the window as it is now; the mirror keeps changing it in place.
    OpenWindow window = open.computeIfAbsent(storeKey, k -> OpenWindow.empty()).add(events);
    windows.put(storeKey, window);
    dirty.add(storeKey);
  }

  private void onWallClock(long nowMs) {
    if (isCaughtUp(nowMs)) {
      closeBefore(nowMs - settings.grace().toMillis());
    }
    for (String storeKey : dirty) {
      OpenWindow window = open.get(storeKey);
      if (window != null) {
        emit(WindowKind.PROVISIONAL, storeKey, window.snapshot());
      }
    }
    dirty.clear();
    emitCorrections();
  }

  /** One correction per key and window for the late events since the last punctuation. */
  private void emitCorrections() {
    if (!latePending) {
      return;
    }
    List<KeyValue<String, OpenWindow>> waiting = new ArrayList<>();
    try (KeyValueIterator<String, OpenWindow> it = late.all()) {
      it.forEachRemaining(waiting::add);
    }
    for (KeyValue<String, OpenWindow> entry : waiting) {
      emit(WindowKind.CORRECTION, entry.key, entry.value.snapshot());
      late.delete(entry.key);
    }
    latePending = false;
  }

  /**
   * True when wall-clock time may close windows. When the input's positions are known: the task has
   * processed everything its partition held a moment ago, so a quiet route's window closes, and a
   * backlog after a restart or a rebalance is never cut short by the clock. When they are not (the
   * cluster does not answer; the test driver): the last record was close to real time (live
   * traffic), or nothing has arrived for longer than the grace.
   */
  private boolean isCaughtUp(long nowMs) {
    OptionalLong end = positions.endOffset(inputPartition);
    if (end.isPresent()) {
      long position =
          Math.max(lastProcessedOffset + 1, positions.committedOffset(inputPartition).orElse(0));
      return position >= end.getAsLong();
    }
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
    NavigableMap<String, OpenWindow> closing = open.headMap(prefix(boundary), false);
    for (Map.Entry<String, OpenWindow> entry : closing.entrySet()) {
      emit(WindowKind.FINAL, entry.getKey(), entry.getValue().snapshot());
      windows.delete(entry.getKey());
      dirty.remove(entry.getKey());
    }
    closing.clear();
    closedBefore = boundary;
    horizonStore.put(HORIZON_KEY, boundary);
  }

  private void emit(WindowKind kind, String storeKey, RouteWindow window) {
    long startMs = startOf(storeKey);
    long endMs = startMs + settings.size().toMillis();
    EventKey key = keyOf(storeKey);
    WindowResult result =
        new WindowResult(
            kind, key, Instant.ofEpochMilli(startMs), Instant.ofEpochMilli(endMs), window);
    context.forward(new Record<>(key.toString(), result, endMs - 1));
  }

  @Override
  public void close() {
    TaskSensors.remove(context, lateEvents);
  }

  // Store keys sort by window start (zero-padded millis), so closing is one range of the map.
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
