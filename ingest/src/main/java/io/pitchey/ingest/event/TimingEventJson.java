package io.pitchey.ingest.event;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
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
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * JSON form of timing events. A record holds one event object or an array of them (a batch); both
 * read as a list. Thread-safe.
 *
 * <p>The reader accepts exactly what {@code schema/timing-event-v1.schema.json} accepts: unknown
 * fields are ignored (later versions may add some), but missing required fields, nulls, values of
 * the wrong JSON type (no {@code "404"} for a number, no {@code 404.5} for an integer), unknown
 * enum constants and trailing content are errors. The conformance test checks both sides against
 * the same documents.
 *
 * <p>The writer streams the fields itself rather than asking the mapper's bean serializer, for the
 * same bytes: it saves the serializer lookups of each call, most of the cost of writing a single
 * event (a batch pays them once either way).
 */
public final class TimingEventJson {
  /** The JSON Schema of a timing record (one event or a batch), as a classpath resource. */
  public static final String SCHEMA_RESOURCE = "/schema/timing-event-v1.schema.json";

  private static final ObjectMapper MAPPER = strictMapper();
  private static final ObjectReader EVENT_READER = MAPPER.readerFor(TimingEvent.class);

  // Field names encoded once (they are ASCII, so no escaping differs from the bean serializer's).
  private static final SerializedString V = new SerializedString("v");
  private static final SerializedString EVENT_ID = new SerializedString("event_id");
  private static final SerializedString REQUEST_ID = new SerializedString("request_id");
  private static final SerializedString TS_US = new SerializedString("ts_us");
  private static final SerializedString SERVICE = new SerializedString("service");
  private static final SerializedString REGION = new SerializedString("region");
  private static final SerializedString INSTANCE = new SerializedString("instance");
  private static final SerializedString METHOD = new SerializedString("method");
  private static final SerializedString ROUTE = new SerializedString("route");
  private static final SerializedString STATUS = new SerializedString("status");
  private static final SerializedString DURATION_US = new SerializedString("duration_us");
  private static final SerializedString DB_US = new SerializedString("db_us");
  private static final SerializedString DB_QUERIES = new SerializedString("db_queries");
  private static final SerializedString CACHE = new SerializedString("cache");
  private static final SerializedString CONTENT_CLASS = new SerializedString("content_class");
  private static final SerializedString BYTES = new SerializedString("bytes");
  private static final SerializedString ERROR_TYPE = new SerializedString("error_type");

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

  /** One event as a JSON object. */
  public static byte[] write(TimingEvent event) {
    return writeJson(event, null);
  }

  /** A batch as a JSON array; a batch of one is written as the bare event, as {@link #write}. */
  public static byte[] writeBatch(List<TimingEvent> events) {
    return events.size() == 1 ? write(events.get(0)) : writeJson(null, events);
  }

  /**
   * Writes into the factory's recycled buffers, as the mapper's own {@code writeValueAsBytes} does,
   * so a call allocates little more than the array it returns.
   */
  private static byte[] writeJson(@Nullable TimingEvent event, @Nullable List<TimingEvent> batch) {
    BufferRecycler recycler = MAPPER.getFactory()._getBufferRecycler();
    try (ByteArrayBuilder out = new ByteArrayBuilder(recycler);
        JsonGenerator generator = MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
      if (batch == null) {
        writeEvent(generator, Objects.requireNonNull(event));
      } else {
        generator.writeStartArray();
        for (TimingEvent each : batch) {
          writeEvent(generator, each);
        }
        generator.writeEndArray();
      }
      generator.close();
      return out.getClearAndRelease();
    } catch (IOException e) {
      throw new IllegalStateException("a TimingEvent always serialises", e);
    } finally {
      recycler.releaseToPool();
    }
  }

  /**
   * Writes the fields one by one, without the bean serializer's per-call lookups: in record
   * component order, {@code error_type} left out when null, the bytes the bean serializer of {@link
   * #MAPPER} writes (same generator, same configuration; a test holds the two equal).
   */
  private static void writeEvent(JsonGenerator generator, TimingEvent event) throws IOException {
    generator.writeStartObject();
    generator.writeFieldName(V);
    generator.writeNumber(event.version());
    generator.writeFieldName(EVENT_ID);
    generator.writeString(event.eventId());
    generator.writeFieldName(REQUEST_ID);
    generator.writeString(event.requestId());
    generator.writeFieldName(TS_US);
    generator.writeNumber(event.tsUs());
    generator.writeFieldName(SERVICE);
    generator.writeString(event.service());
    generator.writeFieldName(REGION);
    generator.writeString(event.region());
    generator.writeFieldName(INSTANCE);
    generator.writeString(event.instance());
    generator.writeFieldName(METHOD);
    generator.writeString(event.method());
    generator.writeFieldName(ROUTE);
    generator.writeString(event.route());
    generator.writeFieldName(STATUS);
    generator.writeNumber(event.status());
    generator.writeFieldName(DURATION_US);
    generator.writeNumber(event.durationUs());
    generator.writeFieldName(DB_US);
    generator.writeNumber(event.dbUs());
    generator.writeFieldName(DB_QUERIES);
    generator.writeNumber(event.dbQueries());
    generator.writeFieldName(CACHE);
    generator.writeString(event.cache().name());
    generator.writeFieldName(CONTENT_CLASS);
    generator.writeString(event.contentClass().name());
    generator.writeFieldName(BYTES);
    generator.writeNumber(event.bytes());
    String errorType = event.errorType();
    if (errorType != null) {
      generator.writeFieldName(ERROR_TYPE);
      generator.writeString(errorType);
    }
    generator.writeEndObject();
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
