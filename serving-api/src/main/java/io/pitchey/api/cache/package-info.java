/**
 * The response cache: Ehcache heap, off-heap and disk tiers with stale-while-revalidate freshness.
 */
@NullMarked
package io.pitchey.api.cache;

import org.jspecify.annotations.NullMarked;
