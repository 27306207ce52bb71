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
 */
public final class SearchRepository {
  private static final String SEARCH =
      """
      with query as (
        select websearch_to_tsquery('english', {0}) as q
      ), ranked as (
        select p.id, ts_rank_cd(p.search_vector, query.q) as rank, count(*) over () as total
        from app.pitches p, query
        where p.search_vector @@ query.q and p.status <> 'draft'
        order by rank desc, p.id
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

  /** Every read once, on {@code sql}. */
  public SearchRepository(DSLContext sql) {
    this(ReadPath.direct(sql));
  }

  /** Reads where {@code reads} runs them, e.g. the replica with retries. */
  public SearchRepository(ReadPath reads) {
    this.reads = reads;
  }

  /** A page of results; {@code total} is 0 when the page lies past the last match. */
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
                    DSL.val(SNIPPET_OPTIONS)));
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
    return new SearchResults(query.text(), hits, query.page(), query.size(), total);
  }
}
