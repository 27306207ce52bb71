package io.pitchey.aggregator.window;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serdes for window state and window records. JSON keeps {@code pitchey.route-windows.v1}
 * readable with plain Kafka tools; instants are ISO-8601 strings.
 */
public final class WindowJson {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private WindowJson() {}

  public static Serde<RouteWindow> routeWindowSerde() {
    return serde(RouteWindow.class);
  }

  public static Serde<WindowResult> windowResultSerde() {
    return serde(WindowResult.class);
  }

  /**
   * The same JSON as on the windows topic, for one part of a window (error types, exemplars) that
   * the sink stores as {@code jsonb}.
   */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (IOException e) {
      throw new SerializationException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  static <T> Serde<T> serde(Class<T> type) {
    Serializer<T> serializer =
        (topic, value) -> {
          if (value == null) {
            return null;
          }
          try {
            return MAPPER.writeValueAsBytes(value);
          } catch (IOException e) {
            throw new SerializationException("cannot write " + type.getSimpleName(), e);
          }
        };
    Deserializer<T> deserializer =
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          try {
            return MAPPER.readValue(bytes, type);
          } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException(
                "not a " + type.getSimpleName() + " on " + topic + ": " + e.getMessage(), e);
          }
        };
    return Serdes.serdeFrom(serializer, deserializer);
  }
}
