package io.pitchey.api.http;

/** Names of the non-standard response headers every Pitchey response carries. */
public final class ApiHeaders {
  /** The request's id: the client's own when it sent a valid one, else a new UUID. */
  public static final String REQUEST_ID = "X-Request-ID";

  /**
   * {@code HIT}, {@code STALE}, {@code REVALIDATED}, {@code MISS} or {@code BYPASS}
   * (docs/contracts.md §3).
   */
  public static final String CACHE_STATUS = "X-Cache-Status";

  /** The serving region. */
  public static final String EDGE_LOCATION = "X-Edge-Location";

  /** The serving instance. */
  public static final String SERVED_BY = "X-Served-By";

  private ApiHeaders() {}
}
