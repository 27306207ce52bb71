package io.pitchey.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pitchey.devstack.DevStack;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.topic.Topics;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One request's timing flowing end to end on the real broker and database: HTTP → Kafka → Streams →
 * PostgreSQL → the SQL views → the Quartz report. Windows are seconds long so they close quickly.
 */
@ExtendWith(DevStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {
  private static final String ROUTE = "/api/pitches/{id}";
  private static final int REQUESTS = 400;
  private static final long CLOCK_STOP_SLACK_US = 1_000;
  private static final double ACCURACY = 0.01 + 1e-9;

  private final Lifecycle lifecycle = new Lifecycle();
  private DemoSystem system;

  @BeforeAll
  void start(DevStack stack) throws Exception {
    system =
        DemoSystem.start(
            stack,
            0,
            20,
            60,
            Map.of(
                "aggregator.window-size", "2s",
                "aggregator.grace", "1s",
                "aggregator.provisional-interval", "500ms"),
            lifecycle);
  }

  @AfterAll
  void stop() {
    lifecycle.close();
  }

  @Test
  void request_timings_reach_the_percentile_view_and_the_hourly_report() throws Exception {
    Instant started = Instant.now();
    Map<String, Long> roundTripsUs = new HashMap<>();
    try (HttpClient http = HttpClient.newHttpClient();
        KafkaConsumer<String, List<TimingEvent>> timings = timingConsumer()) {
      for (int i = 0; i < REQUESTS; i++) {
        // Ids 1..60 exist; repeats of the first ten make cache hits.
        String requestId = "e2e-" + i;
        HttpRequest request =
            HttpRequest.newBuilder(
                    system
                        .apiBase()
                        .resolve("api/pitches/" + (1 + i % 10 + (i % 7 == 0 ? i % 50 : 0))))
                .header("X-Request-ID", requestId)
                .build();
        long sentAt = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        roundTripsUs.put(requestId, (System.nanoTime() - sentAt) / 1_000);
        assertThat(response.statusCode()).isIn(200, 404);
      }
      List<TimingEvent> events = observedEvents(timings);
      assertThat(events)
          .as("the server's time fits inside the client's round trip")
          // The server stops its clock just after the last byte leaves, which can be a moment after
          // the client has read it: allow that moment, not a unit mix-up.
          .allSatisfy(
              e ->
                  assertThat(e.durationUs())
                      .isLessThanOrEqualTo(roundTripsUs.get(e.requestId()) + CLOCK_STOP_SLACK_US));
      List<Long> durations = events.stream().map(TimingEvent::durationUs).toList();

      await("every request in a final window")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> finalRequests(started) == REQUESTS);

      for (double q : new double[] {0.50, 0.95, 0.99}) {
        double exact = exactQuantile(durations, q);
        assertThat(viewQuantileUs(started, q))
            .as("p%s", Math.round(q * 100))
            .isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(ACCURACY * 100));
      }
      assertThat(minuteViewRequests(started)).as("route_minute_stats adds up").isEqualTo(REQUESTS);

      // Every hour the run touched (usually one), so a run across the hour counts in full too.
      for (Instant hour = started.truncatedTo(ChronoUnit.HOURS);
          hour.isBefore(Instant.now());
          hour = hour.plus(1, ChronoUnit.HOURS)) {
        system.scheduler().runReportFor(hour);
      }
      assertThat(reportedRequests(started.truncatedTo(ChronoUnit.HOURS))).isEqualTo(REQUESTS);
    }
  }

  /** Our requests' timing events, read back from the topic: the durations the server measured. */
  private List<TimingEvent> observedEvents(KafkaConsumer<String, List<TimingEvent>> consumer) {
    List<TimingEvent> events = new ArrayList<>();
    await("all timing events on Kafka")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              consumer
                  .poll(Duration.ofMillis(200))
                  .forEach(
                      record ->
                          record.value().stream()
                              .filter(e -> e.route().equals(ROUTE) && e.method().equals("GET"))
                              .forEach(events::add));
              return events.size() >= REQUESTS;
            });
    assertThat(events).hasSize(REQUESTS);
    return events;
  }

  private long reportedRequests(Instant since) throws Exception {
    return queryLong(
        "select coalesce(sum(r.requests), 0) from metrics.performance_report_routes r"
            + " join metrics.performance_reports p on p.id = r.report_id"
            + " where r.method = 'GET' and r.route = ? and p.period_start >= ?",
        since);
  }

  private KafkaConsumer<String, List<TimingEvent>> timingConsumer() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    KafkaConsumer<String, List<TimingEvent>> consumer =
        new KafkaConsumer<>(
            props,
            Topics.REQUEST_TIMINGS.keySerde().deserializer(),
            Topics.REQUEST_TIMINGS.valueSerde().deserializer());
    consumer.subscribe(List.of(Topics.REQUEST_TIMINGS.name()));
    return consumer;
  }

  private String bootstrap() {
    return system.kafkaBootstrap();
  }

  /** The order statistic at 0-based rank ⌊q·(n − 1)⌋, as the sketch contract defines a quantile. */
  private static double exactQuantile(List<Long> values, double q) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get((int) Math.floor(q * (sorted.size() - 1)));
  }

  private long finalRequests(Instant since) throws Exception {
    return queryLong(
        "select coalesce(sum(requests), 0) from metrics.route_windows_all"
            + " where method = 'GET' and route = ? and window_end > ? and not provisional",
        since);
  }

  private long minuteViewRequests(Instant since) throws Exception {
    return queryLong(
        "select coalesce(sum(requests), 0) from metrics.route_minute_stats where method = 'GET' and route = ? and window_end > ?",
        since);
  }

  private double viewQuantileUs(Instant since, double q) throws Exception {
    try (Connection c = system.database().getConnection();
        PreparedStatement st =
            c.prepareStatement(
                "select metrics.sketch_quantile(array_agg(latency), ?) from metrics.route_windows_all"
                    + " where method = 'GET' and route = ? and window_end > ?")) {
      st.setDouble(1, q);
      st.setString(2, ROUTE);
      st.setTimestamp(3, java.sql.Timestamp.from(since));
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getDouble(1);
      }
    }
  }

  private long queryLong(String sql, Instant since) throws Exception {
    try (Connection c = system.database().getConnection();
        PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, ROUTE);
      st.setTimestamp(2, java.sql.Timestamp.from(since));
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
