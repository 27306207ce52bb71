package io.pitchey.ingest.publish;

import io.pitchey.ingest.event.EventKey;
import io.pitchey.ingest.event.InvalidEventException;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.event.TimingEventJson;
import io.pitchey.ingest.topic.Topic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes timing events to Kafka from a background thread, spilling to disk while Kafka is away.
 *
 * <p><b>Request thread.</b> {@link #publish} counts the event and offers it to a bounded queue:
 * nothing else, whatever Kafka is doing; it never blocks or throws. If the queue is full (the
 * sender is far behind) or the publisher is closed, the event is dropped, counted and logged. It
 * does not wake the sender, except when a burst has queued a full record's worth of events.
 *
 * <p><b>Sender thread</b> — the only caller of {@code KafkaProducer.send}, which can block up to
 * {@code max.block.ms} — runs in one of two modes:
 *
 * <ul>
 *   <li><i>direct</i>: once every {@code flushInterval} (or sooner after a burst), drains the
 *       queue, groups the events by record key (contracts §2 allows a batch per record) and sends
 *       one record per key. Waking per interval rather than per event keeps publication cheap: a
 *       thread hand-off and a {@code send} for every few events, and a broker request for each,
 *       cost a sizeable fraction of serving the requests that produced them. Kafka is judged away
 *       or slow when a send fails (no metadata, producer buffer exhausted — both within {@code
 *       max.block.ms}), a delivery fails, nothing sent has been acknowledged for {@code
 *       stallTimeout}, or the queue is three quarters full. Then it switches to spilling.
 *   <li><i>spilling</i>: every new event goes to the {@link DiskSpill} behind the ones already
 *       there, so order per key holds. Once nothing sent directly is outstanding, it replays the
 *       spill in order, one chunk at a time (waiting for each chunk's acknowledgements, resending
 *       only the unacknowledged part after a failure), retrying every {@code replayBackoff}. When
 *       the spill is empty it goes back to direct.
 * </ul>
 *
 * <p>Events whose delivery fails after the switch (an outage longer than {@code
 * delivery.timeout.ms}) are spilled when they come back, behind events already spilled: the only
 * case where order per key is not kept. Events found on disk at start (an earlier run's spill) are
 * replayed first. The idempotent producer keeps retries from duplicating; a restart after a
 * partially acknowledged replay chunk may publish part of that chunk twice.
 *
 * <p>Events Kafka refuses for good (any error neither retriable nor a timeout: too large, a
 * timestamp out of the broker's bounds, authorization...) are counted as failed and logged, never
 * retried.
 *
 * <p>{@link #close} flushes with a bound and spills whatever was not acknowledged in time. It never
 * interrupts the sender (that would close the spill's file under it); past the bound it closes the
 * producer at once to wake it. Thread-safe.
 */
public final class KafkaTimingPublisher implements TimingPublisher {
  private static final Logger log = LoggerFactory.getLogger(KafkaTimingPublisher.class);
  private static final int DRAIN_BATCH = 8192;
  private static final int SPILL_BATCH = 4096;
  private static final int REPLAY_CHUNK = 4096;

  /** At ~350 bytes an event, 500 make a record of ~175 KB, well below max.request.size. */
  private static final int MAX_EVENTS_PER_RECORD = 500;

  private static final long REPLAY_WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Topic<String, List<TimingEvent>> topic;
  private final Producer<String, List<TimingEvent>> producer;
  private final PublisherSettings settings;
  private final BlockingQueue<TimingEvent> queue;

  /** Events in {@link #queue}, kept apart so that publish() can tell a burst without a lock. */
  private final AtomicInteger queued = new AtomicInteger();

  /** Queued events at which publish() wakes the sender before the flush interval is over. */
  private final int wakeThreshold;

  private final long flushNanos;
  private final DiskSpill spill;
  private final @Nullable Path deleteIfEmptyOnClose;
  private final LongSupplier nanoClock;
  private final Thread sender;

  private final LongAdder accepted = new LongAdder();
  private final LongAdder published = new LongAdder();
  private final LongAdder spilled = new LongAdder();
  private final LongAdder replayed = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final long recovered;

  /** Events sent directly and not yet resolved by the producer. */
  private final AtomicLong inflight = new AtomicLong();

  /** Direct sends that failed with a retriable error, to spill (in the order they came back). */
  private final ConcurrentLinkedQueue<List<TimingEvent>> returned = new ConcurrentLinkedQueue<>();

  private volatile long lastProgressNanos;
  private volatile boolean running = true;
  private volatile long closeDeadlineNanos = Long.MAX_VALUE;
  private final AtomicBoolean closed = new AtomicBoolean();

  private final RateLimitedLog dropLog;
  private final RateLimitedLog sendLog;
  private final RateLimitedLog failLog;

  // sender-thread state (and the closing thread's, once the sender has ended)
  private boolean spilling;
  private long nextReplayNanos;
  private @Nullable ReplayChunk pendingChunk;

  KafkaTimingPublisher(
      Topic<String, List<TimingEvent>> topic,
      Producer<String, List<TimingEvent>> producer,
      PublisherSettings settings,
      Path spillDirectory,
      @Nullable Path deleteIfEmptyOnClose,
      LongSupplier nanoClock) {
    this.topic = topic;
    this.producer = producer;
    this.settings = settings;
    this.nanoClock = nanoClock;
    this.deleteIfEmptyOnClose = deleteIfEmptyOnClose;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.wakeThreshold = Math.max(1, Math.min(MAX_EVENTS_PER_RECORD, settings.queueCapacity() / 4));
    this.flushNanos = settings.flushInterval().toNanos();
    this.dropLog = new RateLimitedLog(log, LOG_INTERVAL_NANOS, nanoClock);
    this.sendLog = new RateLimitedLog(log, LOG_INTERVAL_NANOS, nanoClock);
    this.failLog = new RateLimitedLog(log, LOG_INTERVAL_NANOS, nanoClock);
    this.spill =
        DiskSpill.open(
            spillDirectory,
            settings.spillBudgetBytes(),
            settings.spillSegmentBytes(),
            settings.spillFsyncInterval().toNanos(),
            nanoClock);
    this.recovered = spill.recovered();
    // an earlier run's events go first: new ones queue up behind them
    this.spilling = recovered > 0;
    this.nextReplayNanos = nanoClock.getAsLong();
    this.lastProgressNanos = nanoClock.getAsLong();
    this.sender =
        Thread.ofPlatform().name("timing-publisher").daemon(true).unstarted(this::runSender);
    this.sender.start();
  }

  /**
   * A publisher with an idempotent, all-acks producer, configured by {@code settings}, spilling to
   * {@code settings.spillDirectory()/<topic name>}. Events left there by an earlier run are
   * replayed first.
   *
   * @throws IllegalStateException if another publisher uses that spill directory
   */
  public static KafkaTimingPublisher create(
      String bootstrapServers, Topic<String, List<TimingEvent>> topic, PublisherSettings settings) {
    return create(
        bootstrapServers,
        topic,
        settings,
        settings.spillDirectory().resolve(topic.name()),
        null,
        System::nanoTime);
  }

  /**
   * A publisher with {@link PublisherSettings#defaults()} and the given queue capacity, spilling to
   * a fresh temporary directory that is deleted on close if empty. Events spilled there survive a
   * crash but are not found by the next process: servers should use {@link #create(String, Topic,
   * PublisherSettings)} with a stable spill directory.
   */
  public static KafkaTimingPublisher create(
      String bootstrapServers, Topic<String, List<TimingEvent>> topic, int queueCapacity) {
    Path directory;
    try {
      directory = Files.createTempDirectory("pitchey-spill-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a spill directory", e);
    }
    PublisherSettings settings =
        PublisherSettings.defaults()
            .withQueueCapacity(queueCapacity)
            .withSpill(
                directory,
                PublisherSettings.DEFAULT_SPILL_BUDGET_BYTES,
                PublisherSettings.DEFAULT_SPILL_SEGMENT_BYTES);
    return create(
        bootstrapServers,
        topic,
        settings,
        directory.resolve(topic.name()),
        directory,
        System::nanoTime);
  }

  static KafkaTimingPublisher create(
      String bootstrapServers,
      Topic<String, List<TimingEvent>> topic,
      PublisherSettings settings,
      Path spillDirectory,
      @Nullable Path deleteIfEmptyOnClose,
      LongSupplier nanoClock) {
    KafkaProducer<String, List<TimingEvent>> producer =
        new KafkaProducer<>(
            producerConfig(bootstrapServers, settings),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer());
    try {
      return new KafkaTimingPublisher(
          topic, producer, settings, spillDirectory, deleteIfEmptyOnClose, nanoClock);
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
  }

  static Properties producerConfig(String bootstrapServers, PublisherSettings settings) {
    Properties props = new Properties();
    props.putAll(
        Map.ofEntries(
            Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
            Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"),
            // idempotence keeps order per partition with up to 5 requests in flight
            Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5"),
            Map.entry(ProducerConfig.LINGER_MS_CONFIG, ms(settings.linger())),
            Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(settings.batchBytes())),
            Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression()),
            Map.entry(ProducerConfig.BUFFER_MEMORY_CONFIG, String.valueOf(settings.bufferBytes())),
            // the longest send() may hold the sender thread (metadata, full buffer)
            Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, ms(settings.maxBlock())),
            Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ms(settings.requestTimeout())),
            // after this a sent event comes back failed: it is spilled, never lost
            Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ms(settings.deliveryTimeout())),
            Map.entry(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000"),
            Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "pitchey-timing-publisher")));
    return props;
  }

  private static String ms(Duration duration) {
    return String.valueOf(duration.toMillis());
  }

  @Override
  public void publish(TimingEvent event) {
    accepted.increment();
    if (!running) {
      drop(1, "the publisher is closed");
    } else if (!queue.offer(event)) {
      drop(1, "the hand-off queue is full");
    } else if (!running && queue.remove(event)) {
      // close() began meanwhile and may have drained the queue already: do not leave it uncounted
      drop(1, "the publisher is closed");
    } else if (queued.incrementAndGet() == wakeThreshold) {
      // a full record is waiting: no reason to hold it for the rest of the interval
      LockSupport.unpark(sender);
    }
  }

  /** Moves up to {@code max} queued events to {@code into}; safe from any thread. */
  private int drainQueue(List<TimingEvent> into, int max) {
    int n = queue.drainTo(into, max);
    queued.addAndGet(-n);
    return n;
  }

  /**
   * Parks the sender for one flush interval, unless a burst or {@link #close} already asked for it.
   * A spurious wake-up only makes the flush early.
   */
  private void awaitFlush() {
    if (running && queued.get() < wakeThreshold) {
      LockSupport.parkNanos(this, flushNanos);
    }
  }

  @Override
  public PublisherStats stats() {
    long acc = accepted.sum();
    long pub = published.sum();
    long drop = dropped.sum();
    long fail = failed.sum();
    long disk = spill.events();
    long buffered = Math.max(0, acc + recovered - pub - drop - fail - disk);
    return new PublisherStats(
        acc,
        pub,
        buffered,
        spilled.sum(),
        Math.min(replayed.sum(), pub),
        drop,
        fail,
        disk,
        spill.bytes());
  }

  /** The directory of the disk buffer. */
  public Path spillDirectory() {
    return spill.directory();
  }

  private void drop(long count, String reason) {
    dropped.add(count);
    dropLog.warn(
        "timing events dropped ({}): {} dropped since start, {} on disk",
        reason,
        dropped.sum(),
        spill.events());
  }

  // ---------------------------------------------------------------- sender thread

  private void runSender() {
    warmUp();
    awaitFlush(); // events published meanwhile go out together, one interval after the start
    while (true) {
      try {
        if (!running) {
          drainForShutdown();
          return;
        }
        spillReturned();
        if (spilling) {
          spillStep();
        } else {
          directStep();
        }
        spill.maybeFsync();
        if (Thread.currentThread().isInterrupted()) {
          // close() does not interrupt: a stray interrupt would make every park return at once;
          // close() spills the rest
          return;
        }
      } catch (RuntimeException e) {
        sendLog.warn("timing sender: unexpected error, carrying on: {}", e.toString());
      }
    }
  }

  /**
   * Fetches the topic's metadata before the first send, trying for up to {@code stallTimeout} (each
   * try bounded by {@code max.block.ms}), so that a start-up does not look like an outage. Events
   * wait in the queue meanwhile.
   */
  private void warmUp() {
    long deadline = nanoClock.getAsLong() + settings.stallTimeout().toNanos();
    while (running && nanoClock.getAsLong() - deadline < 0) {
      try {
        producer.partitionsFor(topic.name());
        return;
      } catch (RuntimeException e) {
        log.debug("no metadata for {} yet: {}", topic.name(), e.toString());
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    }
  }

  private void directStep() {
    List<TimingEvent> batch = new ArrayList<>();
    drainQueue(batch, DRAIN_BATCH);
    if (batch.isEmpty()) {
      if (stalled()) {
        enterSpill("nothing acknowledged for " + settings.stallTimeout());
      }
      awaitFlush();
      return;
    }
    if (stalled()) {
      enterSpill("nothing acknowledged for " + settings.stallTimeout());
      spillEvents(batch);
    } else if (queue.remainingCapacity() < settings.queueCapacity() / 4) {
      enterSpill("the hand-off queue is three quarters full");
      spillEvents(batch);
    } else {
      sendDirect(batch);
    }
    if (batch.size() < DRAIN_BATCH) {
      // caught up: what arrives next waits for the next interval, to go out in fewer records
      awaitFlush();
    }
  }

  private boolean stalled() {
    return inflight.get() > 0
        && nanoClock.getAsLong() - lastProgressNanos > settings.stallTimeout().toNanos();
  }

  private void enterSpill(String reason) {
    if (!spilling) {
      spilling = true;
      nextReplayNanos = nanoClock.getAsLong() + settings.replayBackoff().toNanos();
      log.warn(
          "Kafka is unreachable or slow ({}): timing events go to the disk buffer {} until it is"
              + " back",
          reason,
          spill.directory());
    }
  }

  private void sendDirect(List<TimingEvent> batch) {
    List<Map.Entry<String, List<TimingEvent>>> records = records(batch);
    for (int i = 0; i < records.size(); i++) {
      if (!returned.isEmpty()) {
        // a send failed at once (no metadata, buffer exhausted): the rest goes to disk
        enterSpill("a send failed");
        spillReturned();
        List<TimingEvent> rest = new ArrayList<>();
        records.subList(i, records.size()).forEach(r -> rest.addAll(r.getValue()));
        spillEvents(rest);
        return;
      }
      Map.Entry<String, List<TimingEvent>> record = records.get(i);
      sendDirectRecord(record.getKey(), record.getValue());
    }
  }

  private void sendDirectRecord(String key, List<TimingEvent> events) {
    int n = events.size();
    if (inflight.getAndAdd(n) == 0) {
      lastProgressNanos = nanoClock.getAsLong();
    }
    try {
      producer.send(
          new ProducerRecord<>(topic.name(), null, events.get(0).tsUs() / 1000, key, events),
          (metadata, error) -> {
            lastProgressNanos = nanoClock.getAsLong();
            if (error == null) {
              published.add(n);
            } else if (permanent(error)) {
              fail(n, error);
            } else {
              returned.add(events);
              sendLog.warn("{} timing events not delivered, spilling: {}", n, error.toString());
            }
            inflight.addAndGet(-n); // last: inflight == 0 means returned is complete
          });
    } catch (RuntimeException e) {
      if (permanent(e)) {
        // e.g. a serialization error: sending again would fail the same way
        fail(n, e);
      } else {
        // the producer is closed or the thread interrupted: keep the events
        returned.add(events);
        sendLog.warn("{} timing events could not be handed to Kafka: {}", n, e.toString());
      }
      inflight.addAndGet(-n);
    }
  }

  /**
   * Whether sending {@code error}'s events again would fail the same way: every Kafka error that is
   * neither retriable nor a timeout (a record timestamp out of the broker's bounds, authorization,
   * an unknown server error, a record too large, serialization...). The events are counted as
   * failed and passed over, never retried: at the head of the spill they would block its replay.
   * The producer's own plain {@link KafkaException} (closed, forcibly or while a send was waiting)
   * and exceptions outside Kafka's hierarchy are not permanent: the events are kept.
   */
  static boolean permanent(Throwable error) {
    return error instanceof KafkaException
        && !(error instanceof RetriableException)
        && !(error instanceof TimeoutException)
        && !(error instanceof InterruptException)
        && error.getClass() != KafkaException.class;
  }

  private void fail(int n, Throwable error) {
    failed.add(n);
    failLog.warn(
        "{} timing events refused by Kafka for good ({} failed since start): {}",
        n,
        failed.sum(),
        error.toString());
  }

  private void spillStep() {
    List<TimingEvent> batch = new ArrayList<>();
    drainQueue(batch, SPILL_BATCH);
    if (!batch.isEmpty()) {
      spillEvents(batch);
      if (!queue.isEmpty()) {
        return;
      }
    }
    long now = nanoClock.getAsLong();
    boolean chunkIdle = pendingChunk == null || pendingChunk.outstanding.get() == 0;
    if (inflight.get() == 0 && returned.isEmpty() && chunkIdle && now - nextReplayNanos >= 0) {
      if (pendingChunk == null && spill.events() == 0) {
        spilling = false;
        log.info(
            "Kafka is back: the disk buffer is replayed ({} events replayed since start)",
            replayed.sum());
        return;
      }
      if (!replayChunk()) {
        nextReplayNanos = nanoClock.getAsLong() + settings.replayBackoff().toNanos();
      }
      return;
    }
    // new events are appended to the spill once per interval too: fewer, larger writes
    awaitFlush();
  }

  /** Sends the next chunk of the spill and waits (bounded) for it; true if it was all replayed. */
  private boolean replayChunk() {
    ReplayChunk chunk = pendingChunk;
    if (chunk == null) {
      List<DiskSpill.Entry> entries = spill.read(REPLAY_CHUNK);
      if (entries.isEmpty()) {
        sendLog.warn(
            "the disk buffer {} holds {} events but none is readable",
            spill.directory(),
            spill.events());
        return false;
      }
      chunk = new ReplayChunk(entries);
      pendingChunk = chunk;
    }
    chunk.send();
    long deadline =
        nanoClock.getAsLong()
            + settings.deliveryTimeout().toNanos()
            + settings.requestTimeout().toNanos();
    while (chunk.outstanding.get() > 0 && running && nanoClock.getAsLong() - deadline < 0) {
      // keep the queue moving while waiting: new events go behind the spilled ones
      List<TimingEvent> batch = new ArrayList<>();
      drainQueue(batch, SPILL_BATCH);
      if (!batch.isEmpty()) {
        spillEvents(batch);
      } else {
        LockSupport.parkNanos(REPLAY_WAIT_SLICE_NANOS);
      }
    }
    if (chunk.outstanding.get() == 0 && chunk.allAcked()) {
      commitAckedPrefix(chunk);
      return true;
    }
    return false;
  }

  /** Consumes the longest acknowledged prefix of the chunk from the spill. */
  private void commitAckedPrefix(ReplayChunk chunk) {
    int prefix = chunk.ackedPrefix();
    if (prefix == 0) {
      return;
    }
    spill.commit(chunk.entries.get(0), chunk.entries.get(prefix - 1), prefix);
    int readable = 0;
    for (int i = 0; i < prefix; i++) {
      if (chunk.events[i] != null && !chunk.refused[i]) {
        readable++;
      }
    }
    published.add(readable);
    replayed.add(readable);
    pendingChunk = prefix == chunk.entries.size() ? null : chunk.rest(prefix);
  }

  private void spillReturned() {
    List<TimingEvent> back = pollReturned();
    if (!back.isEmpty()) {
      enterSpill("deliveries failed");
      spillEvents(back);
    }
  }

  /** Takes what came back from failed deliveries; safe from any thread. */
  private List<TimingEvent> pollReturned() {
    List<TimingEvent> back = new ArrayList<>();
    for (List<TimingEvent> events; (events = returned.poll()) != null; ) {
      back.addAll(events);
    }
    return back;
  }

  private void spillEvents(List<TimingEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    List<byte[]> payloads = new ArrayList<>(events.size());
    for (TimingEvent event : events) {
      payloads.add(TimingEventJson.write(event));
    }
    int written = spill.append(payloads);
    spilled.add(written);
    if (written < events.size()) {
      drop(
          events.size() - written,
          "the disk buffer is full (" + settings.spillBudgetBytes() + " bytes budget)");
    }
  }

  private void drainForShutdown() {
    spillReturned();
    List<TimingEvent> rest = new ArrayList<>();
    drainQueue(rest, Integer.MAX_VALUE);
    if (rest.isEmpty()) {
      return;
    }
    if (!spilling && !stalled() && nanoClock.getAsLong() - closeDeadlineNanos < 0) {
      sendDirect(rest);
    } else {
      spillEvents(rest);
    }
  }

  /**
   * Groups events by record key, keeping the order within each key, in records of at most {@link
   * #MAX_EVENTS_PER_RECORD}. Events without a valid key fail (counted).
   */
  private List<Map.Entry<String, List<TimingEvent>>> records(List<TimingEvent> events) {
    Map<EventKey, List<TimingEvent>> grouped = new LinkedHashMap<>();
    for (TimingEvent event : events) {
      EventKey key = keyOf(event);
      if (key != null) {
        grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
      }
    }
    List<Map.Entry<String, List<TimingEvent>>> records = new ArrayList<>(grouped.size());
    grouped.forEach(
        (key, list) -> {
          String name = key.toString();
          for (int from = 0; from < list.size(); from += MAX_EVENTS_PER_RECORD) {
            records.add(
                Map.entry(
                    name,
                    List.copyOf(
                        list.subList(from, Math.min(list.size(), from + MAX_EVENTS_PER_RECORD)))));
          }
        });
    return records;
  }

  private @Nullable EventKey keyOf(TimingEvent event) {
    try {
      return EventKey.of(event);
    } catch (IllegalArgumentException e) {
      failed.increment();
      log.error("timing event {} has no valid key: {}", event.eventId(), e.getMessage());
      return null;
    }
  }

  /** A chunk of the spill being replayed; which of its entries Kafka acknowledged. */
  private final class ReplayChunk {
    final List<DiskSpill.Entry> entries;
    final @Nullable TimingEvent[] events;
    final boolean[] acked;
    final boolean[] refused;
    final AtomicInteger outstanding = new AtomicInteger();

    ReplayChunk(List<DiskSpill.Entry> entries) {
      this.entries = entries;
      this.events = new TimingEvent[entries.size()];
      this.acked = new boolean[entries.size()];
      this.refused = new boolean[entries.size()];
      for (int i = 0; i < entries.size(); i++) {
        try {
          TimingEvent event = TimingEventJson.read(entries.get(i).payload()).get(0);
          if (keyOf(event) != null) {
            events[i] = event;
            continue;
          }
        } catch (InvalidEventException | IndexOutOfBoundsException e) {
          failed.increment();
          log.error("unreadable event in the disk buffer, skipped: {}", e.getMessage());
        }
        acked[i] = true; // nothing to send: consumed with the chunk
      }
    }

    private ReplayChunk(ReplayChunk whole, int from) {
      int n = whole.entries.size() - from;
      this.entries = List.copyOf(whole.entries.subList(from, whole.entries.size()));
      this.events = new TimingEvent[n];
      this.acked = new boolean[n];
      this.refused = new boolean[n];
      System.arraycopy(whole.events, from, events, 0, n);
      System.arraycopy(whole.acked, from, acked, 0, n);
      System.arraycopy(whole.refused, from, refused, 0, n);
    }

    ReplayChunk rest(int from) {
      return new ReplayChunk(this, from);
    }

    /** Sends every entry not yet acknowledged, grouped by key in order. */
    void send() {
      Map<String, List<Integer>> byKey = new LinkedHashMap<>();
      for (int i = 0; i < entries.size(); i++) {
        TimingEvent event = events[i];
        if (!acked[i] && event != null) {
          byKey.computeIfAbsent(EventKey.of(event).toString(), k -> new ArrayList<>()).add(i);
        }
      }
      AtomicBoolean failedNow = new AtomicBoolean();
      for (Map.Entry<String, List<Integer>> group : byKey.entrySet()) {
        List<Integer> indexes = group.getValue();
        for (int from = 0; from < indexes.size(); from += MAX_EVENTS_PER_RECORD) {
          if (failedNow.get()) {
            return; // Kafka is still away: do not wait max.block.ms per record
          }
          List<Integer> part =
              List.copyOf(
                  indexes.subList(from, Math.min(indexes.size(), from + MAX_EVENTS_PER_RECORD)));
          sendRecord(group.getKey(), part, failedNow);
        }
      }
    }

    private void sendRecord(String key, List<Integer> indexes, AtomicBoolean failedNow) {
      List<TimingEvent> batch = new ArrayList<>(indexes.size());
      for (int i : indexes) {
        batch.add(events[i]);
      }
      outstanding.incrementAndGet();
      try {
        producer.send(
            new ProducerRecord<>(topic.name(), null, batch.get(0).tsUs() / 1000, key, batch),
            (metadata, error) -> {
              if (error == null) {
                indexes.forEach(i -> acked[i] = true);
              } else if (permanent(error)) {
                refuse(indexes, error);
              } else {
                failedNow.set(true);
                sendLog.warn("replay of the disk buffer failed, will retry: {}", error.toString());
              }
              outstanding.decrementAndGet(); // last: publishes the flags to the sender thread
            });
      } catch (RuntimeException e) {
        if (permanent(e)) {
          refuse(indexes, e);
        } else {
          failedNow.set(true);
          sendLog.warn("replay of the disk buffer failed, will retry: {}", e.toString());
        }
        outstanding.decrementAndGet();
      }
    }

    /** Passes over entries Kafka refused for good: counted as failed, committed with the chunk. */
    private void refuse(List<Integer> indexes, Throwable error) {
      indexes.forEach(
          i -> {
            acked[i] = true;
            refused[i] = true;
          });
      fail(indexes.size(), error);
    }

    boolean allAcked() {
      return ackedPrefix() == entries.size();
    }

    int ackedPrefix() {
      int i = 0;
      while (i < acked.length && acked[i]) {
        i++;
      }
      return i;
    }
  }

  // ---------------------------------------------------------------- shutdown

  /**
   * Stops accepting, sends what is buffered, and waits up to {@link
   * PublisherSettings#closeTimeout()} for the broker's acknowledgements; what is not acknowledged
   * by then is spilled to disk for the next start.
   */
  @Override
  public void close() {
    close(settings.closeTimeout());
  }

  /** Like {@link #close()} with the given bound; later calls return at once. */
  public void close(Duration timeout) {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = nanoClock.getAsLong() + timeout.toNanos();
    closeDeadlineNanos = deadline;
    running = false;
    LockSupport.unpark(sender); // do not wait out the flush interval
    boolean interrupted = false;
    boolean stopped = false;
    boolean producerClosed = false;
    try {
      stopped = sender.join(remaining(deadline));
      if (!stopped) {
        // out of time. Not an interrupt: it would close the spill's file channel under the
        // sender. Closing the producer at once wakes a send() waiting for metadata or buffer
        // space, and fails what is unacknowledged (it comes back to "returned").
        producer.close(Duration.ZERO);
        producerClosed = true;
        stopped = sender.join(Duration.ofSeconds(1));
      }
    } catch (InterruptedException e) {
      interrupted = true;
      stopped = !sender.isAlive();
    }
    if (!producerClosed) {
      // waits for acknowledgements until the deadline; fails the rest, back to "returned"
      producer.close(remaining(deadline));
    }
    // everything still in memory goes to disk: what failed first, then what was never sent
    // (both are concurrent hand-offs, safe to drain even if the sender is still running)
    spillEvents(pollReturned());
    List<TimingEvent> rest = new ArrayList<>();
    drainQueue(rest, Integer.MAX_VALUE);
    spillEvents(rest);
    if (stopped) {
      ReplayChunk chunk = pendingChunk;
      if (chunk != null) {
        commitAckedPrefix(chunk);
      }
    } else {
      // the sender still owns its replay state: what it has not committed stays on disk and is
      // replayed at the next start
      log.warn("the timing sender did not stop within the close timeout; leaving it behind");
    }
    long onDisk = spill.events();
    spill.close();
    if (onDisk > 0) {
      log.warn(
          "timing publisher closed with {} events in the disk buffer {}: the next start replays"
              + " them",
          onDisk,
          spill.directory());
    } else if (deleteIfEmptyOnClose != null) {
      deleteTree(deleteIfEmptyOnClose);
    }
    log.info("timing publisher closed: {}", stats());
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - nanoClock.getAsLong()));
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted((a, b) -> b.getNameCount() - a.getNameCount())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  log.debug("cannot delete {}: {}", p, e.toString());
                }
              });
    } catch (IOException e) {
      log.debug("cannot delete {}: {}", root, e.toString());
    }
  }
}
