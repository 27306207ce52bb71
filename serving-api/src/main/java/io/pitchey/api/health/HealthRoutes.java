package io.pitchey.api.health;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.pitchey.api.http.ProblemMapper;
import io.pitchey.api.http.ProblemType;
import io.pitchey.api.http.Routes;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/health}: {@code 200 {"status":"UP","checks":{...}}} while every critical check is
 * up, else {@code 503} with {@code "status":"DOWN"}, so a load balancer takes the instance out of
 * rotation. Non-critical checks (the timing publisher) are reported but never decide. The response
 * is never cached, but each check's result is reused for a second ({@link CachedCheck}), so polling
 * cannot load the database.
 */
public final class HealthRoutes implements Routes {
  public static final String PATH = "/api/health";

  private final List<HealthCheck> checks;

  /** {@code clock} decides when a check's result is too old to reuse. */
  public HealthRoutes(List<HealthCheck> checks, Clock clock) {
    this.checks = checks.stream().<HealthCheck>map(check -> new CachedCheck(check, clock)).toList();
  }

  @Override
  public void addTo(RoutesConfig routes) {
    Routes.getAndHead(routes, PATH, this::get);
  }

  private void get(Context ctx) {
    Map<String, Map<String, Object>> report = new LinkedHashMap<>();
    HealthStatus overall = HealthStatus.UP;
    for (HealthCheck check : checks) {
      CheckResult result = check.check();
      report.put(check.name(), result.toJson());
      if (check.critical() && result.status() == HealthStatus.DOWN) {
        overall = HealthStatus.DOWN;
      }
    }
    if (overall == HealthStatus.DOWN) {
      ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
      ProblemMapper.markError(ctx, ProblemType.UNAVAILABLE);
    }
    ctx.header(Header.CACHE_CONTROL, "no-store").json(new HealthReport(overall, report));
  }
}
