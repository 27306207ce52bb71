package io.pitchey.aggregator.topology;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * The aggregator's own Streams metrics, one set per task: {@code <name>-total} and {@code
 * <name>-rate} in the metrics group {@code stream-pitchey-aggregator-metrics}, tagged with the
 * thread and the task, reported wherever Streams' metrics go (JMX, the metrics endpoint).
 */
final class TaskSensors {
  static final String SCOPE = "pitchey-aggregator";

  private TaskSensors() {}

  /** A count of events that arrived after their window had closed. */
  static Sensor lateEvents(ProcessorContext<?, ?> context, String name) {
    return context
        .metrics()
        .addRateTotalSensor(SCOPE, context.taskId().toString(), name, Sensor.RecordingLevel.INFO);
  }

  static void remove(ProcessorContext<?, ?> context, Sensor sensor) {
    if (context != null && sensor != null) {
      context.metrics().removeSensor(sensor);
    }
  }
}
