package io.pitchey.ingest.event;

/**
 * The Kafka record key and aggregation grain: {@code service|region|instance|METHOD route}.
 *
 * <p>Keying by instance as well as route spreads a hot route over as many partitions as it has
 * instances and lets the aggregator count without repartitioning; totals per route, region or
 * service are merged in SQL, where merging sketches is exact.
 */
public record EventKey(
    String service, String region, String instance, String method, String route) {
  private static final char SEPARATOR = '|';

  public EventKey {
    for (String part : new String[] {service, region, instance, method}) {
      if (part.indexOf(SEPARATOR) >= 0 || part.isEmpty()) {
        throw new IllegalArgumentException(
            "key part must be non-empty and free of '|': '" + part + "'");
      }
    }
  }

  public static EventKey of(TimingEvent event) {
    return new EventKey(
        event.service(), event.region(), event.instance(), event.method(), event.route());
  }

  /** Parses {@code service|region|instance|METHOD route}; the route itself may contain '|'. */
  public static EventKey parse(String key) {
    String[] parts = key.split("\\|", 4);
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "not a timing key (service|region|instance|METHOD route): " + key);
    }
    int space = parts[3].indexOf(' ');
    if (space <= 0) {
      throw new IllegalArgumentException("route key must be 'METHOD route': " + parts[3]);
    }
    return new EventKey(
        parts[0], parts[1], parts[2], parts[3].substring(0, space), parts[3].substring(space + 1));
  }

  @Override
  public String toString() {
    return service + SEPARATOR + region + SEPARATOR + instance + SEPARATOR + method + ' ' + route;
  }
}
