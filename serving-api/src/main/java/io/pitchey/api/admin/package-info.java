/**
 * Operator endpoints under {@code /api/admin}, guarded by the configured admin token: cache
 * invalidation and cache statistics.
 */
@NullMarked
package io.pitchey.api.admin;

import org.jspecify.annotations.NullMarked;
