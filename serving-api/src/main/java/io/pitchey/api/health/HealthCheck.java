package io.pitchey.api.health;

/** Something the API depends on, checked on every {@code GET /api/health}. */
public interface HealthCheck {

  /** The check's key in the report, e.g. {@code database}. */
  String name();

  /** Whether the API cannot serve when this is down, and must be taken out of rotation. */
  boolean critical();

  /** Checks now; must not throw and must return within a few seconds. */
  CheckResult check();
}
