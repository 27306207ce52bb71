package io.pitchey.ingest.topic;

import io.pitchey.ingest.event.InvalidEventException;
import io.pitchey.ingest.event.TimingEvent;
import io.pitchey.ingest.event.TimingEventJson;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The JSON serde of a timing record's value: one event, or a batch of them. */
public final class TimingEventsSerde implements Serde<List<TimingEvent>> {

  @Override
  public Serializer<List<TimingEvent>> serializer() {
    return (topic, events) -> events == null ? null : TimingEventJson.writeBatch(events);
  }

  @Override
  public Deserializer<List<TimingEvent>> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return TimingEventJson.read(bytes);
      } catch (InvalidEventException e) {
        // SerializationException is what Kafka clients and Streams' handlers expect from a bad
        // record.
        throw new SerializationException(
            "invalid timing record on " + topic + ": " + e.getMessage(), e);
      }
    };
  }
}
