/**
 * The response cache: Ehcache heap, off-heap and disk tiers holding ready-to-send bodies (with
 * pre-compressed variants), stale-while-revalidate and stale-if-error freshness, single-flight
 * loads, indexed pattern invalidation shared between instances, and the HTTP caching headers.
 */
@NullMarked
package io.pitchey.api.cache;

import org.jspecify.annotations.NullMarked;
