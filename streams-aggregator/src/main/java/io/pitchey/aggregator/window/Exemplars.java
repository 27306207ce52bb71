package io.pitchey.aggregator.window;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.pitchey.ingest.event.TimingEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The slowest requests of a window, at most {@link #MAX} of them, slowest first (ties by request
 * id). Merging two windows' exemplars keeps the slowest of both, so the result does not depend on
 * the order in which events, batches or correction rows are merged. On the wire: a JSON array of
 * {@code {request_id, duration_us}}.
 */
public record Exemplars(List<Exemplar> slowest) {
  public static final int MAX = 5;
  public static final Exemplars NONE = new Exemplars(List.of());

  public Exemplars {
    Objects.requireNonNull(slowest, "slowest");
    if (slowest.size() > MAX) {
      throw new IllegalArgumentException("at most " + MAX + " exemplars, got " + slowest.size());
    }
    slowest = slowestOf(slowest);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Exemplars fromJson(List<Exemplar> slowest) {
    return slowest == null ? NONE : new Exemplars(slowest);
  }

  @JsonValue
  @Override
  public List<Exemplar> slowest() {
    return slowest;
  }

  public Exemplars plus(List<TimingEvent> events) {
    // Once full, only a request at least as slow as the fastest kept one can enter: in a busy
    // window almost none, so a batch costs one comparison per event.
    long bar = slowest.size() < MAX ? Long.MIN_VALUE : slowest.get(MAX - 1).durationUs();
    List<Exemplar> candidates = null;
    for (TimingEvent event : events) {
      if (event.durationUs() >= bar) {
        if (candidates == null) {
          candidates = new ArrayList<>(slowest);
        }
        candidates.add(new Exemplar(event.requestId(), event.durationUs()));
      }
    }
    return candidates == null ? this : new Exemplars(slowestOf(candidates));
  }

  public Exemplars plus(Exemplars other) {
    List<Exemplar> candidates = new ArrayList<>(slowest);
    candidates.addAll(other.slowest);
    return new Exemplars(slowestOf(candidates));
  }

  /** A request seen twice (a redelivered event) is one exemplar, not two. */
  private static List<Exemplar> slowestOf(Collection<Exemplar> candidates) {
    TreeSet<Exemplar> sorted = new TreeSet<>(Exemplar.SLOWEST_FIRST);
    sorted.addAll(candidates);
    return sorted.stream().limit(MAX).toList();
  }
}
