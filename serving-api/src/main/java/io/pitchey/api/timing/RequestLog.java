package io.pitchey.api.timing;

import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.event.TimingEventJson;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The structured request log: one line per request on the logger {@value #LOGGER_NAME}, holding
 * exactly the request's timing event as JSON (the fields of {@code docs/events.md}), so log
 * shippers and the Kafka topic carry the same record.
 *
 * <p>Off unless configured ({@code request.log}, i.e. {@code PITCHEY_REQUEST_LOG} naming the file
 * the CLI's Logback configuration writes to). When off it costs one boolean test per request (and
 * the logger's level check when the configuration turned it on but Logback silences it); when on,
 * one serialisation (about a microsecond) on the request thread after the response is sent, and
 * Logback's asynchronous appender does the I/O on its own thread.
 */
public final class RequestLog {
  public static final String LOGGER_NAME = "io.pitchey.api.requests";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

  private final boolean enabled;

  RequestLog(boolean enabled) {
    this.enabled = enabled;
  }

  void write(TimingEvent event) {
    if (enabled && LOG.isInfoEnabled()) {
      LOG.info(new String(TimingEventJson.write(event), StandardCharsets.UTF_8));
    }
  }
}
