package io.pitchey.ingest.event;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
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
  // Trailing content is checked once per record by read(), not after each event of a batch.
  private static final ObjectReader EVENT_READER =
      MAPPER.readerFor(TimingEvent.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
    // Streamed: each event is bound straight from the parser, with no tree in between (the tree
    // cost more than the binding), under the same strict reader configuration.
    try (JsonParser parser = MAPPER.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new InvalidEventException("empty record");
      }
      List<TimingEvent> events;
      if (first == JsonToken.START_ARRAY) {
        events = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          events.add(readEvent(parser, events.size()));
        }
      } else {
        events = List.of(readEvent(parser, -1));
      }
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new InvalidEventException(
            "not valid JSON: trailing token (" + trailing + ") after the record");
      }
      return events;
    } catch (StreamReadException e) {
      throw new InvalidEventException("not valid JSON: " + firstLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new InvalidEventException("not valid JSON: " + firstLine(originalMessage(e)), e);
    }
  }

  /**
   * Binds the event at the parser's current token; {@code index} is its place in a batch, or -1.
   */
  private static TimingEvent readEvent(JsonParser parser, int index) throws IOException {
    JsonToken token = parser.currentToken();
    if (token != JsonToken.START_OBJECT) {
      throw new InvalidEventException(
          prefix(index) + "an event must be a JSON object, was " + typeName(token));
    }
    try {
      return EVENT_READER.readValue(parser);
    } catch (StreamReadException e) {
      throw e; // malformed JSON, reported for the whole record
    } catch (ValueInstantiationException e) {
      // The record's own checks (TimingEvent's constructor) say precisely what is wrong.
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new InvalidEventException(prefix(index) + cause.getMessage(), e);
    } catch (JsonMappingException e) {
      String path =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."));
      throw new InvalidEventException(
          prefix(index) + (path.isEmpty() ? "" : path + ": ") + firstLine(e.getOriginalMessage()),
          e);
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException(prefix(index) + firstLine(originalMessage(e)), e);
    }
  }

  private static String prefix(int index) {
    return index < 0 ? "" : "event [" + index + "]: ";
  }

  /** The JSON type of a value by its first token, named as JSON Schema names types. */
  private static String typeName(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "array";
      case VALUE_STRING -> "string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
      case VALUE_TRUE, VALUE_FALSE -> "boolean";
      case VALUE_NULL -> "null";
      default -> token.name().toLowerCase(java.util.Locale.ROOT);
    };
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
