package io.pitchey.api.live;

/**
 * {@code GET /api/live/pitches/{id}/views}.
 *
 * @param views written views plus those this instance recorded and has not written yet
 */
public record LiveViews(long pitchId, long views) {}
