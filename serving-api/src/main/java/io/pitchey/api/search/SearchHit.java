package io.pitchey.api.search;

/**
 * One matching pitch.
 *
 * @param titleHtml the title, HTML-escaped, matched words wrapped in {@code <mark>}
 * @param snippet the best passages of the logline and synopsis, HTML-escaped, matched words wrapped
 *     in {@code <mark>}
 * @param rank PostgreSQL's {@code ts_rank_cd}: only its order means something
 */
public record SearchHit(
    long id,
    String title,
    String titleHtml,
    String snippet,
    String genre,
    String status,
    long viewCount,
    double rank) {}
