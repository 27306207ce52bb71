package io.pitchey.api.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pitchey.api.support.ApiClient;
import io.pitchey.api.support.ApiFixture;
import io.pitchey.api.support.MutableClock;
import io.pitchey.api.support.RecordingPublisher;
import io.pitchey.devstack.DevStackExtension;
import io.pitchey.devstack.LocalPostgres;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.event.TimingEventJson;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The structured request log: one JSON line per request, the request's timing event. */
@ExtendWith(DevStackExtension.class)
class RequestLogTest {
  @TempDir Path cacheDir;
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(RequestLog.LOGGER_NAME);

  @BeforeEach
  void capture() {
    lines.start();
    logger.addAppender(lines);
    logger.setLevel(Level.INFO);
  }

  @AfterEach
  void release() {
    logger.detachAppender(lines);
    logger.setLevel(null);
  }

  private List<String> linesOf(String requestId) {
    return lines.list.stream()
        .map(ILoggingEvent::getFormattedMessage)
        .filter(line -> line.contains("\"request_id\":\"" + requestId + "\""))
        .toList();
  }

  @Test
  void every_request_logs_one_json_line_holding_its_timing_event(LocalPostgres postgres) {
    RecordingPublisher events = new RecordingPublisher();
    try (ApiFixture api =
        ApiFixture.start(
            postgres,
            cacheDir,
            events,
            MutableClock.atNow(),
            Map.of("request.log", cacheDir.resolve("requests.jsonl").toString()))) {
      HttpResponse<String> ok = api.client().get("/api/health");
      HttpResponse<String> missing = api.client().get("/no/such/path");

      for (HttpResponse<String> response : List.of(ok, missing)) {
        String requestId = ApiClient.requestIdOf(response);
        TimingEvent published = events.awaitEventOf(requestId);
        List<String> logged =
            await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> linesOf(requestId), l -> !l.isEmpty());
        assertThat(logged).hasSize(1);
        assertThat(logged.get(0)).doesNotContain("\n").startsWith("{").endsWith("}");
        assertThat(TimingEventJson.read(logged.get(0).getBytes(StandardCharsets.UTF_8)))
            .containsExactly(published);
      }
    }
  }

  @Test
  void nothing_is_logged_unless_configured(LocalPostgres postgres) {
    RecordingPublisher events = new RecordingPublisher();
    try (ApiFixture api = ApiFixture.start(postgres, cacheDir, events, MutableClock.atNow())) {
      HttpResponse<String> response = api.client().get("/api/health");

      events.awaitEventOf(ApiClient.requestIdOf(response)); // logged before published, if at all
      assertThat(linesOf(ApiClient.requestIdOf(response))).isEmpty();
    }
  }
}
