package io.pitchey.aggregator.sketch;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a {@link LatencySketch} on its own (a state store of sketches, a topic of them),
 * in the {@link SketchCodec} format. Records that hold sketches among other fields should call
 * {@link SketchCodec#encode} and {@link SketchCodec#decode} from their own serde instead.
 *
 * <p>Follows Kafka's conventions: {@code null} maps to {@code null} (tombstones), and malformed
 * bytes throw {@link SerializationException}. Stateless and thread-safe.
 */
public final class SketchSerde implements Serde<LatencySketch> {

  private static final Serializer<LatencySketch> SERIALIZER =
      (topic, sketch) -> sketch == null ? null : SketchCodec.toBytes(sketch);

  private static final Deserializer<LatencySketch> DESERIALIZER =
      (topic, bytes) -> {
        if (bytes == null) {
          return null;
        }
        try {
          return SketchCodec.fromBytes(bytes);
        } catch (IllegalArgumentException e) {
          throw new SerializationException(
              "cannot read a latency sketch from topic " + topic + ": " + e.getMessage(), e);
        }
      };

  @Override
  public Serializer<LatencySketch> serializer() {
    return SERIALIZER;
  }

  @Override
  public Deserializer<LatencySketch> deserializer() {
    return DESERIALIZER;
  }
}
