package io.pitchey.ingest.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON form of timing events. A record holds one event object or an array of them (a batch); both
 * read as a list. Unknown fields are ignored; missing required fields are errors. Thread-safe.
 */
public final class TimingEventJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();
  private static final ObjectReader EVENT_READER = MAPPER.readerFor(TimingEvent.class);

  private TimingEventJson() {}

  public static byte[] write(TimingEvent event) {
    try {
      return MAPPER.writeValueAsBytes(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a TimingEvent always serialises", e);
    }
  }

  public static byte[] writeBatch(List<TimingEvent> events) {
    try {
      return events.size() == 1 ? write(events.get(0)) : MAPPER.writeValueAsBytes(events);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a TimingEvent always serialises", e);
    }
  }

  /**
   * Reads one event or a batch.
   *
   * @throws InvalidEventException if the bytes are not valid JSON or an event breaks the contract
   */
  public static List<TimingEvent> read(byte[] json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (root == null || root.isMissingNode()) {
        throw new InvalidEventException("empty record");
      }
      if (root.isArray()) {
        List<TimingEvent> events = new ArrayList<>(root.size());
        for (JsonNode node : root) {
          events.add(EVENT_READER.<TimingEvent>readValue(node));
        }
        return events;
      }
      TimingEvent event = EVENT_READER.readValue(root);
      return List.of(event);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidEventException(e.getMessage(), e);
    }
  }
}
