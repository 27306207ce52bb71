package io.pitchey.ingest.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * JSON form of timing events. A record holds one event object or an array of them (a batch); both
 * read as a list. Thread-safe.
 *
 * <p>The reader accepts exactly what {@code schema/timing-event-v1.schema.json} accepts: unknown
 * fields are ignored (later versions may add some), but missing required fields, nulls, values of
 * the wrong JSON type (no {@code "404"} for a number, no {@code 404.5} for an integer), unknown
 * enum constants and trailing content are errors. The conformance test checks both sides against
 * the same documents.
 */
public final class TimingEventJson {
  /** The JSON Schema of a timing record (one event or a batch), as a classpath resource. */
  public static final String SCHEMA_RESOURCE = "/schema/timing-event-v1.schema.json";

  private static final ObjectMapper MAPPER = strictMapper();
  private static final ObjectReader EVENT_READER = MAPPER.readerFor(TimingEvent.class);

  private TimingEventJson() {}

  private static ObjectMapper strictMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    // Textual fields take JSON strings only: no 42 or true read as "42" or "true".
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    mapper
        .coercionConfigFor(LogicalType.Enum)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    return mapper;
  }

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
   * @throws InvalidEventException if the bytes are not valid JSON or an event breaks the contract;
   *     its message names the field and the problem, fit to show to the producer
   */
  public static List<TimingEvent> read(byte[] json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new InvalidEventException("not valid JSON: " + firstLine(originalMessage(e)), e);
    }
    if (root == null || root.isMissingNode()) {
      throw new InvalidEventException("empty record");
    }
    if (root.isArray()) {
      List<TimingEvent> events = new ArrayList<>(root.size());
      int index = 0;
      for (JsonNode node : root) {
        events.add(readEvent(node, "event [" + index++ + "]: "));
      }
      return events;
    }
    return List.of(readEvent(root, ""));
  }

  private static TimingEvent readEvent(JsonNode node, String prefix) {
    if (!node.isObject()) {
      throw new InvalidEventException(
          prefix
              + "an event must be a JSON object, was "
              + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    try {
      return EVENT_READER.readValue(node);
    } catch (ValueInstantiationException e) {
      // The record's own checks (TimingEvent's constructor) say precisely what is wrong.
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new InvalidEventException(prefix + cause.getMessage(), e);
    } catch (JsonMappingException e) {
      String path =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."));
      throw new InvalidEventException(
          prefix + (path.isEmpty() ? "" : path + ": ") + firstLine(e.getOriginalMessage()), e);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidEventException(prefix + firstLine(originalMessage(e)), e);
    }
  }

  private static String originalMessage(Exception e) {
    return e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "invalid";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
