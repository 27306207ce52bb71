package io.pitchey.api.cache;

/** How a cached entry may be used at a given moment. */
public enum Freshness {
  /** Younger than its TTL: serve it. */
  FRESH,
  /** Past its TTL but within stale-while-revalidate: serve it and refresh it in the background. */
  STALE,
  /** Past both: it must not be served; load the resource again. */
  EXPIRED
}
