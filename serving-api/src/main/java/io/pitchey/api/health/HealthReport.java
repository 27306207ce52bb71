package io.pitchey.api.health;

import java.util.Map;

/**
 * The body of {@code GET /api/health}.
 *
 * @param checks each check's result by name, in the order the checks ran
 */
public record HealthReport(HealthStatus status, Map<String, Map<String, Object>> checks) {}
