package io.pitchey.bench.aggregator;

import io.pitchey.bench.aggregator.AggregatorBenchmark.BenchmarkPlan;
import io.pitchey.ingest.event.EventKey;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.event.TimingEventJson;
import io.pitchey.ingest.topic.TimingEventsSerde;
import io.pitchey.ingest.topic.TopicSetup;
import io.pitchey.ingest.topic.Topics;
import io.pitchey.ingest.topic.TopicsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The events of one run, produced before the aggregator starts, and the exact durations per route
 * kept for the accuracy check. Event times cover ten minutes that ended a quarter of an hour ago,
 * in order, so every window but the last closes on stream time, as in a replayed backlog.
 */
record EventLoad(
    long events,
    long records,
    double averageEventBytes,
    double seconds,
    ExactQuantiles[] exactPerRoute,
    ExactQuantiles exactAll) {

  private static final Duration SPAN = Duration.ofMinutes(10);
  private static final Duration ENDED_AGO = Duration.ofMinutes(15);

  static EventLoad produce(String bootstrap, TopicsConfig topics, BenchmarkPlan plan)
      throws InterruptedException, ExecutionException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      new TopicSetup(admin, Duration.ofSeconds(30)).ensure(Topics.pipelineTopics(topics));
    }
    TrafficModel traffic = new TrafficModel(42, 2);
    ExactQuantiles[] perRoute = new ExactQuantiles[TrafficModel.ROUTE_COUNT];
    for (int i = 0; i < perRoute.length; i++) {
      perRoute[i] = new ExactQuantiles();
    }
    ExactQuantiles all = new ExactQuantiles();
    long endUs = (System.currentTimeMillis() - ENDED_AGO.toMillis()) * 1000;
    long startUs = endUs - SPAN.toMillis() * 1000;
    double stepUs = (double) (endUs - startUs) / plan.events();
    Map<String, List<TimingEvent>> pending = new HashMap<>();
    long records = 0;
    long sampledBytes = 0;
    int sampled = 0;
    int[] route = new int[1];
    long began = System.nanoTime();
    try (KafkaProducer<String, List<TimingEvent>> producer = producer(bootstrap)) {
      for (int i = 0; i < plan.events(); i++) {
        TimingEvent event = traffic.next(startUs + (long) (i * stepUs), route);
        perRoute[route[0]].add(event.durationUs());
        all.add(event.durationUs());
        if (i % 1_000 == 0) {
          sampledBytes += TimingEventJson.write(event).length;
          sampled++;
        }
        String key = EventKey.of(event).toString();
        List<TimingEvent> batch = pending.computeIfAbsent(key, k -> new ArrayList<>(plan.batch()));
        batch.add(event);
        if (batch.size() == plan.batch()) {
          send(producer, key, batch);
          records++;
          pending.remove(key);
        }
      }
      for (var entry : pending.entrySet()) {
        send(producer, entry.getKey(), entry.getValue());
        records++;
      }
      producer.flush();
    }
    return new EventLoad(
        plan.events(),
        records,
        (double) sampledBytes / sampled,
        (System.nanoTime() - began) / 1e9,
        perRoute,
        all);
  }

  private static void send(
      KafkaProducer<String, List<TimingEvent>> producer, String key, List<TimingEvent> batch) {
    // As the publisher does: the record's time is its first event's.
    producer.send(
        new ProducerRecord<>(
            Topics.REQUEST_TIMINGS.name(), null, batch.get(0).tsUs() / 1000, key, batch),
        (metadata, e) -> {
          if (e != null) {
            throw new IllegalStateException("the benchmark's load could not be produced", e);
          }
        });
  }

  private static KafkaProducer<String, List<TimingEvent>> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            "lz4",
            ProducerConfig.LINGER_MS_CONFIG,
            20,
            ProducerConfig.BATCH_SIZE_CONFIG,
            512 * 1024,
            ProducerConfig.BUFFER_MEMORY_CONFIG,
            256L * 1024 * 1024),
        new StringSerializer(),
        new TimingEventsSerde().serializer());
  }
}
