/**
 * Live data: views recorded in memory and flushed in batches, each pitch's current view count, and
 * what is trending.
 */
@NullMarked
package io.pitchey.api.live;

import org.jspecify.annotations.NullMarked;
