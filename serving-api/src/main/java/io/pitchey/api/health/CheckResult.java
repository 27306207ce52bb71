package io.pitchey.api.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One check's outcome and the numbers behind it.
 *
 * @param details snake_case keys, shown beside {@code status} in the report
 */
public record CheckResult(HealthStatus status, Map<String, Object> details) {
  public CheckResult {
    details = Map.copyOf(details);
  }

  /** {@code {"status": ..., <details>...}}: status first, then the details by name. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("status", status);
    json.putAll(new TreeMap<>(details));
    return json;
  }
}
