package io.pitchey.aggregator.window;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.pitchey.ingest.event.TimingEvent;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How many requests of a window failed (status ≥ 400) with each {@code error_type}. Bounded, so a
 * producer that puts unbounded text in {@code error_type} cannot grow a window (or a row) without
 * limit: at most {@link #MAX_TYPES} named types are kept, the most frequent ones (ties by name),
 * and the rest are counted under {@link #OTHER}. Failures without an error type count under {@link
 * #UNSPECIFIED}. On the wire: a JSON object {@code {"not-found": 3, ...}}.
 */
public record ErrorTypes(Map<String, Long> counts) {
  public static final int MAX_TYPES = 20;
  public static final String OTHER = "other";
  public static final String UNSPECIFIED = "unspecified";

  private static final Comparator<Map.Entry<String, Long>> MOST_FREQUENT_FIRST =
      Map.Entry.<String, Long>comparingByValue()
          .reversed()
          .thenComparing(Map.Entry.comparingByKey());

  // After the comparator: the constructor uses it.
  public static final ErrorTypes NONE = new ErrorTypes(Map.of());

  public ErrorTypes {
    Objects.requireNonNull(counts, "counts");
    counts.forEach(
        (type, count) -> {
          if (type == null || type.isEmpty() || count == null || count <= 0) {
            throw new IllegalArgumentException(
                "error types need a name and a positive count, got " + type + "=" + count);
          }
        });
    counts = Collections.unmodifiableMap(bounded(counts));
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static ErrorTypes fromJson(Map<String, Long> counts) {
    return counts == null ? NONE : new ErrorTypes(counts);
  }

  @JsonValue
  @Override
  public Map<String, Long> counts() {
    return counts;
  }

  /** Counts the events that failed (status ≥ 400); the others do not change the map. */
  public ErrorTypes plus(List<TimingEvent> events) {
    // Most batches hold no failure: they cost one pass and no copy of the map.
    Map<String, Long> sum = null;
    for (TimingEvent event : events) {
      if (event.status() >= 400) {
        if (sum == null) {
          sum = new TreeMap<>(counts);
        }
        String type = event.errorType() == null ? UNSPECIFIED : event.errorType();
        sum.merge(type, 1L, Long::sum);
      }
    }
    return sum == null ? this : new ErrorTypes(sum);
  }

  public ErrorTypes plus(ErrorTypes other) {
    Map<String, Long> sum = new TreeMap<>(counts);
    other.counts.forEach((type, count) -> sum.merge(type, count, Long::sum));
    return new ErrorTypes(sum);
  }

  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private static Map<String, Long> bounded(Map<String, Long> counts) {
    Map<String, Long> kept = new TreeMap<>();
    long other = counts.getOrDefault(OTHER, 0L);
    List<Map.Entry<String, Long>> named =
        counts.entrySet().stream()
            .filter(e -> !e.getKey().equals(OTHER))
            .sorted(MOST_FREQUENT_FIRST)
            .toList();
    for (int i = 0; i < named.size(); i++) {
      if (i < MAX_TYPES) {
        kept.put(named.get(i).getKey(), named.get(i).getValue());
      } else {
        other += named.get(i).getValue();
      }
    }
    if (other > 0) {
      kept.put(OTHER, other);
    }
    return kept;
  }
}
