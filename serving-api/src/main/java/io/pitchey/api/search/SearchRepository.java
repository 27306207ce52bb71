package io.pitchey.api.search;

import io.pitchey.api.db.ReadPath;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * Full-text search over public pitches in one query: {@code websearch_to_tsquery('english', q)}
 * against the weighted {@code search_vector} (title above logline above synopsis, V7), ranked with
 * {@code ts_rank_cd}. Highlighting ({@code ts_headline}, which re-parses the text and is the
 * expensive part) runs only for the page's rows. Thread-safe.
 *
 * <p>Frequent words match most pitches, and ranking (which reads every match's vector) and counting
 * every match cost time in proportion to the matches, not to the page. So only the first {@link
 * #DEFAULT_CANDIDATES} matches the index yields (in table order, not by relevance) are ranked and
 * counted. The trade-off: for a query matching more than that, the best-ranked pitch overall may be
 * missing from the results, and {@code total} is the cap, flagged by {@link
 * SearchResults#totalCapped()} as a lower bound. Queries that narrow to fewer matches (more or
 * rarer words, a phrase) are ranked and counted in full.
 */
public final class SearchRepository {
  /**
   * How many matches are ranked and counted at most; bounds the cost of a query to about that of
   * one with this many matches, and is well past {@link SearchQuery#MAX_OFFSET} plus a page.
   */
  public static final int DEFAULT_CANDIDATES = 2_000;

  // One more candidate than the cap is fetched to tell "exactly the cap" from "more than the cap",
  // but only the cap is ranked. The candidates carry only id and rank, so neither the vectors nor
  // the texts are held for the sort.
  private static final String SEARCH =
      """
      with query as (
        select websearch_to_tsquery('english', {0}) as q
      ), candidates as (
        select p.id, ts_rank_cd(p.search_vector, query.q) as rank
        from app.pitches p, query
        where p.search_vector @@ query.q and p.status <> 'draft'
        limit {5}
      ), ranked as (
        select c.id, c.rank, (select count(*) from candidates) as total
        from (select * from candidates limit {6}) c
        order by c.rank desc, c.id
        limit {1} offset {2}
      )
      select r.id, r.rank, r.total, p.title, p.genre, p.status, p.view_count,
             ts_headline('english', p.title, query.q, {3}) as title_marked,
             ts_headline('english', p.logline || ' ' || p.synopsis, query.q, {4}) as snippet_marked
      from ranked r
      join app.pitches p on p.id = r.id
      cross join query
      order by r.rank desc, r.id
      """;
  private static final String TITLE_OPTIONS = Highlights.MARKERS + ", HighlightAll=true";
  private static final String SNIPPET_OPTIONS =
      Highlights.MARKERS + ", MinWords=12, MaxWords=30, MaxFragments=2, FragmentDelimiter=\" … \"";

  private final ReadPath reads;
  private final int candidates;

  /** Every read once, on {@code sql}. */
  public SearchRepository(DSLContext sql) {
    this(ReadPath.direct(sql));
  }

  /** Reads where {@code reads} runs them, e.g. the replica with retries. */
  public SearchRepository(ReadPath reads) {
    this(reads, DEFAULT_CANDIDATES);
  }

  /** Ranks and counts at most {@code candidates} matches of a query. */
  public SearchRepository(ReadPath reads, int candidates) {
    if (candidates < 1) {
      throw new IllegalArgumentException("candidates must be at least 1, was " + candidates);
    }
    this.reads = reads;
    this.candidates = candidates;
  }

  /**
   * A page of results; {@code total} is 0 when the page lies past the last match (or past the
   * candidates ranked).
   */
  public SearchResults search(SearchQuery query) {
    Result<Record> rows =
        reads.run(
            sql ->
                sql.fetch(
                    SEARCH,
                    DSL.val(query.text()),
                    DSL.inline(query.size()),
                    DSL.inline(query.offset()),
                    DSL.val(TITLE_OPTIONS),
                    DSL.val(SNIPPET_OPTIONS),
                    DSL.inline(candidates + 1),
                    DSL.inline(candidates)));
    List<SearchHit> hits =
        rows.map(
            row ->
                new SearchHit(
                    row.get("id", Long.class),
                    row.get("title", String.class),
                    Highlights.toHtml(row.get("title_marked", String.class)),
                    Highlights.toHtml(row.get("snippet_marked", String.class)),
                    row.get("genre", String.class),
                    row.get("status", String.class),
                    row.get("view_count", Long.class),
                    row.get("rank", Double.class)));
    long total = rows.isEmpty() ? 0 : rows.get(0).get("total", Long.class);
    boolean capped = total > candidates;
    return new SearchResults(
        query.text(), hits, query.page(), query.size(), capped ? candidates : total, capped);
  }
}
