package io.pitchey.api.live;

/**
 * A pitch on the trending list.
 *
 * @param recentViews views written in the trending window (the last flushes' views included)
 * @param viewCount all-time views written so far
 */
public record TrendingPitch(
    long id, String title, String genre, long recentViews, long viewCount) {}
