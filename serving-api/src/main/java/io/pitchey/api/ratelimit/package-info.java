/**
 * Rate limiting: a token bucket per caller (its bearer token, else its address), answered 429 with
 * {@code Retry-After} when empty.
 */
@NullMarked
package io.pitchey.api.ratelimit;

import org.jspecify.annotations.NullMarked;
