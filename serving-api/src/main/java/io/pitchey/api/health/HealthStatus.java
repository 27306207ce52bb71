package io.pitchey.api.health;

/** The state of the API or of one thing it depends on. */
public enum HealthStatus {
  UP,
  /**
   * Working, but something is being lost or slowed (e.g. timing events); needs attention, not
   * failover.
   */
  DEGRADED,
  DOWN
}
